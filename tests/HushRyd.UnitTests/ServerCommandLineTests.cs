using HushRyd.Server.Hosting;

namespace HushRyd.UnitTests;

public class ServerCommandLineTests
{
    [Fact]
    public void Only_options_given_on_the_command_line_override_configuration()
    {
        var parse = ServerCommandLine.CreateRootCommand().Parse(["--runtime", "dapr", "--data-dir", "/var/lib/hushryd"]);

        var overrides = ServerCommandLine.Overrides(parse);

        Assert.Empty(parse.Errors);
        Assert.Equal(2, overrides.Count);
        Assert.Equal("dapr", overrides["HushRyd:Runtime"]);
        Assert.Equal("/var/lib/hushryd", overrides["HushRyd:DataDir"]);
    }

    [Fact]
    public void No_arguments_override_nothing()
    {
        Assert.Empty(ServerCommandLine.Overrides(ServerCommandLine.CreateRootCommand().Parse([])));
    }

    [Theory]
    [InlineData("--tagret", "all")]
    [InlineData("--target")]
    [InlineData("stray")]
    public void Unknown_options_missing_values_and_stray_arguments_are_errors(params string[] args)
    {
        Assert.NotEmpty(ServerCommandLine.CreateRootCommand().Parse(args).Errors);
    }

    [Fact]
    public void Configuration_paths_and_host_settings_pass_through_as_configuration()
    {
        var (options, configuration) = ServerCommandLine.SplitConfiguration(
            ["--target", "all", "--Redis:ConnectionString=127.0.0.1:6379,ssl=false", "--environment=Development", "--tagret=all"]);

        Assert.Equal(["--target", "all", "--tagret=all"], options);
        Assert.Equal("127.0.0.1:6379,ssl=false", configuration["Redis:ConnectionString"]);
        Assert.Equal("Development", configuration["environment"]);
        Assert.NotEmpty(ServerCommandLine.CreateRootCommand().Parse(options).Errors);
    }
}
