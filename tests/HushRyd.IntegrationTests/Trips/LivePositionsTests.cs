using HushRyd.IntegrationTests.Events;
using HushRyd.Platform.Redis;
using HushRyd.Testing;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>Reading the seed's location:{tripId} hash from embedded Garnet, written as the Location module writes it.</summary>
public sealed class LivePositionsTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private IHost _host = null!;
    private IDatabase _redis = null!;
    private RedisLivePositions _positions = null!;

    public async Task InitializeAsync()
    {
        _host = await EmbeddedRuntimeHost.StartAsync(_directory.Path, _ => { });
        var connection = _host.Services.GetRequiredService<IRedisConnection>();
        _redis = connection.Multiplexer.GetDatabase();
        _positions = new RedisLivePositions(connection);
    }

    [Fact]
    public async Task The_latest_position_reads_back_without_the_driver()
    {
        await _redis.HashSetAsync(LocationKeys.Trip("trp_a"), [new("lat", "12.6337"), new("lng", "77.117"), new("speed", "42.5"), new("timestamp", "1772345678901"), new("driverId", "usr_d")]);

        Assert.Equal(new LivePosition(12.6337, 77.117, 42.5, 1772345678901), await _positions.FindAsync("trp_a", CancellationToken.None));
    }

    [Fact]
    public async Task A_position_without_speed_has_none()
    {
        await _redis.HashSetAsync(LocationKeys.Trip("trp_b"), [new("lat", "28.6139"), new("lng", "77.209"), new("timestamp", "1702123456789")]);

        Assert.Equal(new LivePosition(28.6139, 77.209, null, 1702123456789), await _positions.FindAsync("trp_b", CancellationToken.None));
    }

    [Theory]
    [InlineData("north", "77.2", "1702123456789")]
    [InlineData("95", "77.2", "1702123456789")]
    [InlineData("28.6", "NaN", "1702123456789")]
    [InlineData("28.6", "77.2", "yesterday")]
    public async Task An_unreadable_entry_is_no_position(string lat, string lng, string timestamp)
    {
        var trip = $"trp_{Guid.NewGuid():N}";
        await _redis.HashSetAsync(LocationKeys.Trip(trip), [new("lat", lat), new("lng", lng), new("timestamp", timestamp)]);

        Assert.Null(await _positions.FindAsync(trip, CancellationToken.None));
    }

    [Fact]
    public async Task A_trip_with_no_reported_position_has_none()
    {
        Assert.Null(await _positions.FindAsync("trp_never", CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _directory.Dispose();
    }
}
