using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace HushRyd.Server.Hosting;

/// <summary>
/// Parses the command line into configuration overrides. Only options actually given override
/// configuration, so appsettings and <c>HUSHRYD__*</c> environment variables still apply otherwise.
/// </summary>
public static partial class ServerCommandLine
{
    /// <summary>Host settings ASP.NET accepts on any command line (test hosts pass them too).</summary>
    public static readonly string[] HostSettings = ["environment", "contentRoot", "applicationName"];

    private static readonly (Option<string> Option, string Key)[] Options =
    [
        (new Option<string>("--target") { Description = "Modules to run: 'all' or a comma-separated list of module names. Default: all. Config HushRyd:Target, env HUSHRYD__TARGET.", HelpName = "all|module[,module...]" }, nameof(ServerOptions.Target)),
        (new Option<string>("--runtime") { Description = "embedded (Garnet and SQLite in this process) or dapr (beside a daprd sidecar, MongoDB, shared Redis). Default: embedded. Config HushRyd:Runtime, env HUSHRYD__RUNTIME.", HelpName = "embedded|dapr" }, nameof(ServerOptions.Runtime)),
        (new Option<string>("--data-dir") { Description = "Directory for the embedded runtime's SQLite database and Garnet append-only file. Default: ./data. Config HushRyd:DataDir, env HUSHRYD__DATADIR.", HelpName = "dir" }, nameof(ServerOptions.DataDir)),
        (new Option<string>("--urls") { Description = "Where to listen, ';'-separated. Default: http://127.0.0.1:8080. Config HushRyd:Urls, env HUSHRYD__URLS.", HelpName = "url[;url...]" }, nameof(ServerOptions.Urls)),
    ];

    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            """
            HushRyd server: one binary for every deployment of the HushRyd ride-sharing backend.
            Other settings (Redis:ConnectionString, Mongo:ConnectionString, EventBus:*, ...) come from
            appsettings.json or environment variables such as Redis__ConnectionString.
            """);
        foreach (var (option, _) in Options)
        {
            root.Options.Add(option);
        }

        // Serving is what the root command does; the entry point runs it itself rather than through InvokeAsync,
        // which would install its own SIGTERM handling over the host's. Without an action the subcommands below
        // would make a bare 'hushryd' a parse error.
        root.SetAction(static _ => 0);
        var database = new Command("db", "MongoDB administration for --runtime dapr.");
        database.Subcommands.Add(new Command(
            "init",
            "Create every module's MongoDB indexes in Mongo:Database at Mongo:ConnectionString (idempotent), print them and exit."));
        root.Subcommands.Add(database);
        return root;
    }

    /// <summary>True for <c>hushryd db init</c>.</summary>
    public static bool IsDatabaseInit(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.CommandResult is { Command.Name: "init", Parent: CommandResult { Command.Name: "db" } };
    }

    /// <summary>
    /// Splits ASP.NET-style configuration arguments (<c>--Redis:ConnectionString=host:6379</c>, and the host
    /// settings) from the server's own options. Only PascalCase configuration keys are taken this way; the
    /// server's options are lower-case, so a misspelt option is still an error rather than ignored configuration.
    /// </summary>
    public static (string[] Options, Dictionary<string, string?> Configuration) SplitConfiguration(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new List<string>();
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var arg in args)
        {
            var match = ConfigurationArgument().Match(arg);
            if (match.Success && (char.IsUpper(match.Groups["key"].Value[0]) || HostSettings.Contains(match.Groups["key"].Value, StringComparer.OrdinalIgnoreCase)))
            {
                configuration[match.Groups["key"].Value] = match.Groups["value"].Value;
            }
            else
            {
                options.Add(arg);
            }
        }

        return ([.. options], configuration);
    }

    [GeneratedRegex("^--(?<key>[A-Za-z][A-Za-z0-9_.:]*)=(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex ConfigurationArgument();

    /// <summary>Configuration keys for the options the user gave explicitly.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (option, key) in Options)
        {
            if (parseResult.GetResult(option) is { Implicit: false })
            {
                overrides[$"{ServerOptions.SectionName}:{key}"] = parseResult.GetValue(option);
            }
        }

        return overrides;
    }
}
