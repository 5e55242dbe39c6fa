namespace HushRyd.Platform.Internal;

/// <summary>
/// Where a module in another process answers internal calls: a URL, or its sidecar's invoke URL such as
/// http://localhost:3500/v1.0/invoke/hushryd-trips/method. Needed only by processes that run a module whose
/// collaborator is not in the same process (for example <c>--target location</c> asks Trips who rides a trip).
/// </summary>
public sealed class ModuleAddressOptions
{
    public const string SectionName = "Modules";

    public string? Trips { get; set; }
}
