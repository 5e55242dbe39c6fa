using HushRyd.Gateway.RateLimiting;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.RateLimiting;

public sealed class RedisSlidingWindowRateLimiterTests(RedisServers servers) : IClassFixture<RedisServers>
{
    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Exceeding_the_limit_for_one_principal_never_affects_another_of_the_same_tier(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);

        await SlidingWindowScenarios.FairnessHoldsAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), new ManualTimeProvider()));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Requests_are_refused_until_the_oldest_leaves_the_window_with_exact_retry_after(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();

        await SlidingWindowScenarios.RefusesUntilTheOldestLeavesTheWindowAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), clock), clock);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_lower_limit_on_a_fuller_log_waits_until_enough_requests_leave(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();

        await SlidingWindowScenarios.A_lower_limit_waits_for_enough_entries_to_leaveAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), clock), clock);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task The_sos_bucket_is_its_own_budget(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);

        await SlidingWindowScenarios.Buckets_never_share_a_budgetAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), new ManualTimeProvider()));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Two_gateway_instances_on_their_own_connections_share_one_budget_even_when_racing(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        await using var other = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var clock = new ManualTimeProvider();
        var first = Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), clock);
        var second = Limiters.Redis(new SwitchableRedisConnection(other), clock);
        var principal = Limiters.FreshPrincipal();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).AcquireAsync(RateLimitBuckets.General, principal, 7, CancellationToken.None)));
        var next = await second.AcquireAsync(RateLimitBuckets.General, principal, 7, CancellationToken.None);

        Assert.Equal(7, decisions.Count(d => d.Allowed));
        Assert.False(next.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(1), next.RetryAfter);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task The_log_is_one_sorted_set_per_bucket_and_principal_that_expires_with_the_window(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var limiter = Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), new ManualTimeProvider());
        var principal = Limiters.FreshPrincipal("apikey");

        await limiter.AcquireAsync(RateLimitBuckets.Sos, principal, 5, CancellationToken.None);
        await limiter.AcquireAsync(RateLimitBuckets.Sos, principal, 5, CancellationToken.None);

        var db = server.Multiplexer.GetDatabase();
        var key = $"ratelimit:sos:{principal}";
        Assert.Equal(RedisType.SortedSet, await db.KeyTypeAsync(key));
        Assert.Equal(2, await db.SortedSetLengthAsync(key));
        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
    }
}
