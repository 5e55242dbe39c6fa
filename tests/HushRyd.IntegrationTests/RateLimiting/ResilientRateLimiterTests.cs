using System.Diagnostics;
using HushRyd.Gateway.RateLimiting;
using HushRyd.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;

namespace HushRyd.IntegrationTests.RateLimiting;

public sealed class ResilientRateLimiterTests(RedisServers servers) : IClassFixture<RedisServers>
{
    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task With_redis_stopped_requests_are_answered_by_the_local_limiter_up_to_the_limit(RedisBackend backend)
    {
        var server = await TestRedis.StartAsync(backend);
        await using var gateway = await SwitchableRedisConnection.FailingFastAsync(server.ConnectionString);
        var clock = new ManualTimeProvider();
        var limiter = Limiters.Resilient(new SwitchableRedisConnection(gateway), clock, redisTimeout: Limiters.PatientTimeout);
        var principal = Limiters.FreshPrincipal();
        await using (server)
        {
            Assert.True((await limiter.AcquireAsync(RateLimitBuckets.General, principal, 3, CancellationToken.None)).Allowed);
            Assert.Equal(1, await server.Multiplexer.GetDatabase().SortedSetLengthAsync(RateLimitKeys.Log(RateLimitBuckets.General, principal)));
        }

        // Polly 8's breaker opens on a failure ratio of 1 within its sampling window: the success above must age out of it first.
        clock.Advance(new RateLimitRedisOptions().SamplingDuration);
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await limiter.AcquireAsync(RateLimitBuckets.General, principal, 3, CancellationToken.None));
        }

        // The local log starts empty: each instance grants the whole budget on its own while Redis is away.
        Assert.Equal([true, true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal(TimeSpan.FromMinutes(1), decisions[^1].RetryAfter);
        Assert.Equal(CircuitState.Open, limiter.RedisCircuit);
    }

    [Fact]
    public async Task A_hanging_redis_costs_a_request_at_most_the_timeout_and_after_three_failures_is_no_longer_called()
    {
        await using var hanging = await SwitchableRedisConnection.HangingAsync();
        var redis = new SwitchableRedisConnection(hanging);
        var logger = new ListLogger<ResilientRateLimiter>();
        var limiter = Limiters.Resilient(redis, new ManualTimeProvider(), logger);
        var principal = Limiters.FreshPrincipal();
        Task<RateLimitDecision> Acquire() => limiter.AcquireAsync(RateLimitBuckets.General, principal, 100, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            var waited = Stopwatch.StartNew();
            Assert.True((await Acquire()).Allowed);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2), $"a request waited {waited.Elapsed} on a hanging Redis (its own timeout is 5 s)");
        }

        Assert.Equal(CircuitState.Open, limiter.RedisCircuit);
        var open = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            Assert.True((await Acquire()).Allowed);
        }

        Assert.Equal(3, redis.Uses);
        Assert.True(open.Elapsed < TimeSpan.FromSeconds(1), $"50 requests with the circuit open took {open.Elapsed}");
        var opened = Assert.Single(logger.Entries);
        Assert.StartsWith("Redis rate limiting circuit opened for 00:00:30", opened.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task After_the_break_the_circuit_tries_redis_again_and_closes_once_it_answers_logging_each_change_once(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        await using var down = await SwitchableRedisConnection.FailingFastAsync($"127.0.0.1:{FreePort.Next()}");
        var redis = new SwitchableRedisConnection(down);
        var clock = new ManualTimeProvider();
        var logger = new ListLogger<ResilientRateLimiter>();
        var limiter = Limiters.Resilient(redis, clock, logger, Limiters.PatientTimeout);
        var principal = Limiters.FreshPrincipal();
        Task<RateLimitDecision> Acquire() => limiter.AcquireAsync(RateLimitBuckets.General, principal, 100, CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            await Acquire();
        }

        redis.Target = server.Multiplexer;
        clock.Advance(TimeSpan.FromSeconds(29));
        var stillOpen = await Acquire();
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterBreak = await Acquire();

        // Three failures opened it; a second short of the break the local limiter still answers; then one probe closes it.
        Assert.Equal(89, stillOpen.Remaining);
        Assert.Equal(4, redis.Uses);
        Assert.Equal(CircuitState.Closed, limiter.RedisCircuit);
        Assert.Equal(99, afterBreak.Remaining);
        Assert.Equal(1, await server.Multiplexer.GetDatabase().SortedSetLengthAsync(RateLimitKeys.Log(RateLimitBuckets.General, principal)));
        Assert.Collection(
            logger.Entries.Select(e => $"{e.Level}: {e.Message}"),
            line => Assert.StartsWith("Warning: Redis rate limiting circuit opened for 00:00:30", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Information: Redis rate limiting circuit half-open", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Information: Redis rate limiting circuit closed", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_the_client_abandoned_is_cancelled_not_answered_locally()
    {
        await using var hanging = await SwitchableRedisConnection.HangingAsync();
        var limiter = Limiters.Resilient(new SwitchableRedisConnection(hanging), new ManualTimeProvider());
        using var abandoned = new CancellationTokenSource();
        await abandoned.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            limiter.AcquireAsync(RateLimitBuckets.General, Limiters.FreshPrincipal(), 5, abandoned.Token));
    }
}
