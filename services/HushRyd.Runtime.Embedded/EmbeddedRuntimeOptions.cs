namespace HushRyd.Runtime.Embedded;

public sealed class EmbeddedRuntimeOptions
{
    /// <summary>Where the SQLite database and Garnet's append-only file live.</summary>
    public string DataDirectory { get; set; } = "data";
}
