namespace HushRyd.Admin.Desk;

/// <summary>One file of the desk's page, as built into the assembly, with the validator browsers revalidate it by.</summary>
public sealed record DeskAsset(string Name, string ContentType, byte[] Content, string ETag);
