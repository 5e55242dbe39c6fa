using HushRyd.Server.Hosting;

namespace HushRyd.UnitTests;

public class DatabaseInitCommandLineTests
{
    [Fact]
    public void Db_init_is_recognised_and_takes_configuration_from_the_usual_places()
    {
        var parse = ServerCommandLine.CreateRootCommand().Parse(["db", "init"]);

        Assert.Empty(parse.Errors);
        Assert.True(ServerCommandLine.IsDatabaseInit(parse));
    }

    [Fact]
    public void Serving_stays_the_default_and_is_not_db_init()
    {
        var parse = ServerCommandLine.CreateRootCommand().Parse(["--runtime", "dapr"]);

        Assert.Empty(parse.Errors);
        Assert.False(ServerCommandLine.IsDatabaseInit(parse));
    }

    [Fact]
    public void Db_without_a_subcommand_is_an_error()
    {
        Assert.NotEmpty(ServerCommandLine.CreateRootCommand().Parse(["db"]).Errors);
    }
}
