using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

public sealed class RealtimeTargetTests
{
    [Fact]
    public async Task The_realtime_target_alone_will_not_start_without_an_address_for_the_trips_module_it_asks_about_trips()
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await ServerProcess.RunToExitAsync(
            new Dictionary<string, string> { ["Internal__Token"] = "t" }, "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--target", "realtime");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("hushryd: this target needs the Trips module", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Modules:Trips", error, StringComparison.Ordinal);
    }
}
