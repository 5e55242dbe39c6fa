namespace HushRyd.Platform.Trips;

/// <summary>A trusted contact as an SOS reaches them.</summary>
public sealed record SosContact(string Name, string Phone, string? Email);
