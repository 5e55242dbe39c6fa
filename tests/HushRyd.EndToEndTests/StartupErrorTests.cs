using System.Net;
using System.Net.Sockets;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests;

/// <summary>Misconfiguration stops the server with a non-zero exit and one line saying what to fix, never a stack trace.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task An_unknown_target_is_refused()
    {
        await AssertRefusedAsync(null, "unknown target 'nonsense'", "--target", "nonsense", "--data-dir", _data.Path);
    }

    [Fact]
    public async Task Options_also_bind_from_HUSHRYD_environment_variables()
    {
        await AssertRefusedAsync(new Dictionary<string, string> { ["HUSHRYD__TARGET"] = "from-env" }, "unknown target 'from-env'", "--data-dir", _data.Path);
    }

    [Fact]
    public async Task A_bad_url_is_refused()
    {
        await AssertRefusedAsync(null, "'127.0.0.1:8080' is not a URL to listen on", "--urls", "127.0.0.1:8080", "--data-dir", _data.Path);
    }

    [Fact]
    public async Task An_unwritable_data_directory_is_refused()
    {
        var file = Path.Combine(_data.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");

        await AssertRefusedAsync(null, "is not writable", "--data-dir", Path.Combine(file, "data"));
    }

    [Fact]
    public async Task An_unreachable_external_redis_is_refused()
    {
        var port = FreePort.Next();

        await AssertRefusedAsync(
            new Dictionary<string, string> { ["Redis__ConnectionString"] = $"127.0.0.1:{port},connectTimeout=1000" },
            $"cannot reach Redis at 127.0.0.1:{port}",
            "--data-dir",
            _data.Path,
            "--urls",
            $"http://127.0.0.1:{FreePort.Next()}");
    }

    [Fact]
    public async Task The_dapr_runtime_without_a_shared_redis_is_refused()
    {
        await AssertRefusedAsync(null, "--runtime dapr needs a shared Redis", "--runtime", "dapr", "--data-dir", _data.Path);
    }

    [Fact]
    public async Task A_port_already_in_use_is_refused()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await AssertRefusedAsync(null, "choose a free port with --urls", "--urls", $"http://127.0.0.1:{port}", "--data-dir", _data.Path);
    }

    [Fact]
    public async Task An_invalid_public_base_url_for_share_links_is_refused()
    {
        await AssertRefusedAsync(
            new Dictionary<string, string> { ["Trips__PublicBaseUrl"] = "hushryd.in" },
            "Trips:PublicBaseUrl must be an absolute http(s) URL",
            "--data-dir",
            _data.Path,
            "--urls",
            $"http://127.0.0.1:{FreePort.Next()}");
    }

    [Fact]
    public async Task A_misspelt_option_is_refused_with_a_pointer_to_help()
    {
        await AssertRefusedAsync(null, "Run 'hushryd --help' for usage.", "--tagret", "all");
    }

    [Fact]
    public async Task Help_explains_every_option_and_exits_zero()
    {
        var (exitCode, stdout, _) = await ServerProcess.RunToExitAsync(null, "--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--target", "--runtime", "--data-dir", "--urls", "HUSHRYD__TARGET", "Redis:ConnectionString" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    private static async Task AssertRefusedAsync(IReadOnlyDictionary<string, string>? environment, string expected, params string[] arguments)
    {
        var (exitCode, _, stderr) = await ServerProcess.RunToExitAsync(environment, arguments);

        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(2, exitCode);
        Assert.StartsWith("hushryd: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
