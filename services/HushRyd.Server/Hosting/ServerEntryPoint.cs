using HushRyd.Platform.Hosting;

namespace HushRyd.Server.Hosting;

public static class ServerEntryPoint
{
    public const int ConfigurationError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var (options, configuration) = ServerCommandLine.SplitConfiguration(args);
        var parseResult = ServerCommandLine.CreateRootCommand().Parse(options);
        if (parseResult.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"hushryd: {parseResult.Errors[0].Message} Run 'hushryd --help' for usage.");
            return ConfigurationError;
        }

        // Help and version; serving and 'db init' are run below, where failures become one line.
        if (parseResult.Action is not null && parseResult.Action != parseResult.CommandResult.Command.Action)
        {
            return await parseResult.InvokeAsync();
        }

        try
        {
            if (ServerCommandLine.IsDatabaseInit(parseResult))
            {
                return await DatabaseInit.RunAsync(configuration, Console.Out, CancellationToken.None);
            }

            foreach (var (key, value) in ServerCommandLine.Overrides(parseResult))
            {
                configuration[key] = value;
            }

            var app = ServerApplication.Build(configuration);
            await using (app)
            {
                await app.RunAsync();
            }

            return 0;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"hushryd: {message}");
            return ConfigurationError;
        }
    }
}
