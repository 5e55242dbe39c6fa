using HushRyd.Platform.Modules;

namespace HushRyd.Server.Hosting;

/// <summary>Validated server options: what this process runs and where.</summary>
public sealed record ServerSettings(
    IReadOnlyList<IHushRydModule> Modules,
    bool IsMonolith,
    RuntimeKind Runtime,
    string DataDirectory,
    IReadOnlyList<string> Urls)
{
    /// <summary>The service name in telemetry and the Dapr app id: hushryd for all modules, hushryd-{module} otherwise.</summary>
    public string ServiceName => IsMonolith ? "hushryd" : "hushryd-" + string.Join("-", Modules.Select(m => m.Name));
}
