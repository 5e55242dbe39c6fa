using HushRyd.Platform.Hosting;
using HushRyd.Server.Hosting;
using HushRyd.Platform.Modules;
using HushRyd.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace HushRyd.UnitTests;

public sealed class ServerSettingsValidatorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static readonly IHushRydModule[] Catalog = [new NamedModule("location"), new NamedModule("sos")];

    [Fact]
    public void All_selects_every_module_as_one_monolith_named_hushryd()
    {
        var settings = ServerSettingsValidator.Validate(Options("all"), Catalog);

        Assert.True(settings.IsMonolith);
        Assert.Equal(["location", "sos"], settings.Modules.Select(m => m.Name));
        Assert.Equal("hushryd", settings.ServiceName);
    }

    [Fact]
    public void A_module_list_selects_those_modules_once_each_case_insensitively()
    {
        var settings = ServerSettingsValidator.Validate(Options("SOS, location,sos"), Catalog);

        Assert.False(settings.IsMonolith);
        Assert.Equal(["sos", "location"], settings.Modules.Select(m => m.Name));
        Assert.Equal("hushryd-sos-location", settings.ServiceName);
    }

    [Theory]
    [InlineData("gateway", "unknown target 'gateway'")]
    [InlineData(" , ", "--target is empty")]
    public void An_unknown_or_empty_target_names_the_known_modules(string target, string expected)
    {
        var error = Assert.Throws<StartupException>(() => ServerSettingsValidator.Validate(Options(target), Catalog));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("location, sos", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("embedded", RuntimeKind.Embedded)]
    [InlineData("Dapr", RuntimeKind.Dapr)]
    public void Runtime_names_are_case_insensitive(string runtime, RuntimeKind expected)
    {
        Assert.Equal(expected, ServerSettingsValidator.Validate(Options(runtime: runtime), Catalog).Runtime);
    }

    [Fact]
    public void An_unknown_runtime_says_which_ones_exist()
    {
        var error = Assert.Throws<StartupException>(() => ServerSettingsValidator.Validate(Options(runtime: "k8s"), Catalog));

        Assert.Contains("--runtime embedded or --runtime dapr", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:80;https://[::1]:8443")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:5000")]
    public void Listenable_urls_are_accepted(string urls)
    {
        Assert.Equal(urls.Split(';'), ServerSettingsValidator.Validate(Options(urls: urls), Catalog).Urls);
    }

    [Theory]
    [InlineData("localhost:8080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:8080/api")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData(";")]
    public void Urls_that_cannot_be_listened_on_are_refused_with_an_example(string urls)
    {
        var error = Assert.Throws<StartupException>(() => ServerSettingsValidator.Validate(Options(urls: urls), Catalog));

        Assert.Contains("--urls http://127.0.0.1:8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_that_is_a_file_is_reported_as_not_writable()
    {
        var file = Path.Combine(_directory.Path, "a-file");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<StartupException>(() => ServerSettingsValidator.Validate(Options(dataDir: Path.Combine(file, "data")), Catalog));

        Assert.Contains("is not writable", error.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_data_directory_is_created_and_made_absolute()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_directory.Path, "nested", "data"));

        var settings = ServerSettingsValidator.Validate(Options(dataDir: relative), Catalog);

        Assert.True(Path.IsPathFullyQualified(settings.DataDirectory));
        Assert.True(Directory.Exists(settings.DataDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(settings.DataDirectory));
    }

    private ServerOptions Options(string target = "all", string runtime = "embedded", string? dataDir = null, string urls = "http://127.0.0.1:8080") =>
        new() { Target = target, Runtime = runtime, DataDir = dataDir ?? _directory.Path, Urls = urls };

    public void Dispose() => _directory.Dispose();

    private sealed class NamedModule(string name) : IHushRydModule
    {
        public string Name => name;

        public void AddServices(IHostApplicationBuilder builder)
        {
        }

        public void MapEndpoints(IEndpointRouteBuilder endpoints)
        {
        }
    }
}
