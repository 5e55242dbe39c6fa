using System.Collections.Frozen;
using System.Security.Cryptography;

namespace HushRyd.Admin.Desk;

/// <summary>The desk's HTML, script and style, embedded in this assembly: nothing is fetched from elsewhere at run time.</summary>
public sealed class DeskAssets(FrozenDictionary<string, DeskAsset> files)
{
    private const string Prefix = "HushRyd.Admin.Desk.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public DeskAsset? Find(string name) => files.GetValueOrDefault(name);

    public DeskAsset Require(string name) => Find(name) ?? throw new InvalidOperationException($"The desk file {name} is missing from the build.");

    public static DeskAssets Load()
    {
        var assembly = typeof(DeskAssets).Assembly;
        var files = new Dictionary<string, DeskAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            files[name] = new DeskAsset(name, contentType, content, $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
        }

        return new DeskAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
