namespace HushRyd.Server.Hosting;

/// <summary>The server's own settings: section <c>HushRyd</c>, environment <c>HUSHRYD__*</c>, or the command line.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "HushRyd";

    public string Target { get; set; } = "all";

    public string Runtime { get; set; } = "embedded";

    public string DataDir { get; set; } = "./data";

    public string Urls { get; set; } = "http://127.0.0.1:8080";
}
