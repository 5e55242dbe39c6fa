using HushRyd.Testing;
using HushRyd.Gateway.RateLimiting;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>The fallback must answer exactly as the Redis limiter does, with bounded memory.</summary>
public sealed class LocalSlidingWindowRateLimiterTests
{
    [Fact]
    public Task Exceeding_the_limit_for_one_principal_never_affects_another_of_the_same_tier() =>
        SlidingWindowScenarios.FairnessHoldsAsync(Limiters.Local(new ManualTimeProvider()));

    [Fact]
    public Task Requests_are_refused_until_the_oldest_leaves_the_window_with_exact_retry_after()
    {
        var clock = new ManualTimeProvider();
        return SlidingWindowScenarios.RefusesUntilTheOldestLeavesTheWindowAsync(Limiters.Local(clock), clock);
    }

    [Fact]
    public Task A_lower_limit_on_a_fuller_log_waits_until_enough_requests_leave()
    {
        var clock = new ManualTimeProvider();
        return SlidingWindowScenarios.A_lower_limit_waits_for_enough_entries_to_leaveAsync(Limiters.Local(clock), clock);
    }

    [Fact]
    public Task The_sos_bucket_is_its_own_budget() =>
        SlidingWindowScenarios.Buckets_never_share_a_budgetAsync(Limiters.Local(new ManualTimeProvider()));

    [Fact]
    public async Task Principals_idle_for_a_whole_window_are_forgotten()
    {
        var clock = new ManualTimeProvider();
        var limiter = Limiters.Local(clock);
        for (var i = 0; i < 20; i++)
        {
            await limiter.AcquireAsync(RateLimitBuckets.General, Limiters.FreshPrincipal(), 5, CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await limiter.AcquireAsync(RateLimitBuckets.General, Limiters.FreshPrincipal(), 5, CancellationToken.None);

        Assert.Equal(1, limiter.PartitionCount);
    }

    [Fact]
    public async Task A_flood_of_distinct_principals_inside_one_window_stays_within_the_partition_bound()
    {
        var limiter = Limiters.Local(new ManualTimeProvider(), maxPartitions: 100);
        var most = 0;
        for (var i = 0; i < 1_000; i++)
        {
            await limiter.AcquireAsync(RateLimitBuckets.General, $"ip:10.0.{i / 256}.{i % 256}", 5, CancellationToken.None);
            most = Math.Max(most, limiter.PartitionCount);
        }

        Assert.InRange(most, 100, 101);
    }

    [Fact]
    public async Task Concurrent_requests_of_one_principal_never_take_more_than_the_limit()
    {
        var limiter = Limiters.Local(new ManualTimeProvider());
        var principal = Limiters.FreshPrincipal();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ =>
            Task.Run(() => limiter.AcquireAsync(RateLimitBuckets.General, principal, 50, CancellationToken.None))));

        Assert.Equal(50, decisions.Count(d => d.Allowed));
    }
}
