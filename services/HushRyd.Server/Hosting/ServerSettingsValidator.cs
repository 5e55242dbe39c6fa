using HushRyd.Platform.Hosting;
using HushRyd.Platform.Modules;

namespace HushRyd.Server.Hosting;

/// <summary>Turns raw options into settings, or one clear line about what is wrong and how to fix it.</summary>
public static class ServerSettingsValidator
{
    public static ServerSettings Validate(ServerOptions options, IReadOnlyList<IHushRydModule> catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var (modules, isMonolith) = ResolveTargets(options.Target, catalog);
        return new ServerSettings(modules, isMonolith, ResolveRuntime(options.Runtime), ResolveDataDirectory(options.DataDir), ResolveUrls(options.Urls));
    }

    private static (IReadOnlyList<IHushRydModule>, bool) ResolveTargets(string target, IReadOnlyList<IHushRydModule> catalog)
    {
        var names = target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new StartupException($"--target is empty; use 'all' or one or more of: {Known(catalog)}.");
        }

        if (names is ["all"])
        {
            return (catalog, true);
        }

        var modules = new List<IHushRydModule>();
        foreach (var name in names)
        {
            var module = catalog.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new StartupException($"unknown target '{name}'; use 'all' or one or more of: {Known(catalog)}.");
            if (!modules.Contains(module))
            {
                modules.Add(module);
            }
        }

        return (modules, false);
    }

    private static string Known(IReadOnlyList<IHushRydModule> catalog) =>
        catalog.Count == 0 ? "(this build has no modules yet)" : string.Join(", ", catalog.Select(m => m.Name));

    private static RuntimeKind ResolveRuntime(string runtime) => runtime.Trim().ToUpperInvariant() switch
    {
        "EMBEDDED" => RuntimeKind.Embedded,
        "DAPR" => RuntimeKind.Dapr,
        _ => throw new StartupException($"unknown runtime '{runtime}'; use --runtime embedded or --runtime dapr."),
    };

    private static string ResolveDataDirectory(string dataDir)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(dataDir);
            Directory.CreateDirectory(fullPath);
            var probe = Path.Combine(fullPath, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StartupException($"data directory '{dataDir}' is not writable ({ex.Message}); pass --data-dir with a directory this user can write.");
        }

        return fullPath;
    }

    private static string[] ResolveUrls(string urls)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
        {
            throw new StartupException("--urls is empty; pass e.g. --urls http://127.0.0.1:8080.");
        }

        foreach (var url in list)
        {
            // Kestrel accepts wildcard hosts (*, +) that Uri does not; check them with a stand-in host.
            var checkable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
            if (!Uri.TryCreate(checkable, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/"
                || !string.IsNullOrEmpty(uri.Query))
            {
                throw new StartupException($"'{url}' is not a URL to listen on; pass e.g. --urls http://127.0.0.1:8080 (scheme http or https, host, port, no path).");
            }
        }

        return list;
    }
}
