using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

public sealed class RealtimeTargetTests
{
    [Fact]
    public async Task The_realtime_module_will_not_start_without_the_trips_module_it_asks_about_trips()
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await ServerProcess.RunToExitAsync(
            new Dictionary<string, string> { ["Internal__Token"] = "t" }, "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--target", "realtime");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("hushryd: the realtime module needs the trips module in the same process", error.Trim(), StringComparison.Ordinal);
    }
}
