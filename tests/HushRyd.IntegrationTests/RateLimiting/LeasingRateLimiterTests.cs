using FsCheck;
using FsCheck.Fluent;
using HushRyd.Gateway.RateLimiting;
using HushRyd.Testing;
using StackExchange.Redis;
using static HushRyd.IntegrationTests.RateLimiting.LeasedGateways;

namespace HushRyd.IntegrationTests.RateLimiting;

public sealed class LeasingRateLimiterTests(RedisServers servers) : IClassFixture<RedisServers>
{
    // Leases stop once the log would pass Fraction of the limit; past that only real requests add entries.
    private static readonly int FarBelow = (int)(Limit * (1 - Fraction));

    /// <summary>
    /// Random interleavings of principals over 2–3 instances sharing one Redis, with the clock standing still or
    /// moving by up to a lease lifetime and a half, or by about a window: no principal is ever allowed more than its limit in any window, a principal
    /// below <see cref="FarBelow"/> is never refused whatever the others do (Property 5), and with the clock still the
    /// one over its limit gets at least the limit less what each instance's lease can hold back.
    /// </summary>
    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Leased_instances_never_allow_more_than_the_limit_in_any_window_nor_refuse_a_principal_far_below_it(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        await using var second = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        await using var third = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        IConnectionMultiplexer[] connections = [server.Multiplexer, second, third];

        // Off xunit's synchronisation context: FsCheck waits on each case's task, and its continuations must not queue behind it.
        await Task.Run(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(40),
            Prop.ForAll(Schedules(), schedule => HoldsAsync(connections, schedule))));
    }

    private static Arbitrary<LeaseSchedule> Schedules() =>
        (from instances in Gen.Choose(2, 3)
         from quiet in Gen.Choose(1, 3)
         from noisy in Gen.Choose(Limit + 1, Limit * 2)
         from others in Gen.ListOf(Gen.Choose(0, FarBelow - 1), quiet)
         from still in Gen.Elements(true, false)
         let requests = others.Prepend(noisy).ToArray()
         from order in Gen.Shuffle(requests.SelectMany((count, principal) => Enumerable.Repeat(principal, count)))
         from reached in Gen.ListOf(Gen.Choose(0, instances - 1), order.Length)
         from advances in Gen.ListOf(Advances(), order.Length)
         select new LeaseSchedule(
             instances,
             order.Select((principal, i) => new LeaseStepPlan(principal, reached[i], still ? 0 : advances[i])).ToArray()))
        .ToArbitrary();

    // Mostly none, often within a lease lifetime, sometimes close to a window: permits used late in their lease
    // then meet the window's edge, where entries dated too early would let a principal through twice.
    private static Gen<int> Advances() =>
        from kind in Gen.Choose(0, 99)
        from withinLease in Gen.Choose(1, 1_500)
        from nearWindow in Gen.Choose(55_000, 61_000)
        select kind < 60 ? 0 : kind < 94 ? withinLease : nearWindow;

    private static async Task<bool> HoldsAsync(IConnectionMultiplexer[] connections, LeaseSchedule schedule)
    {
        var clock = new ManualTimeProvider();
        var gateways = connections.Take(schedule.Instances).Select(c => Create(new SwitchableRedisConnection(c), clock)).ToArray();
        var principals = schedule.Steps.Select(s => s.Principal).Distinct().ToDictionary(p => p, _ => Limiters.FreshPrincipal());
        var allowedAt = principals.Keys.ToDictionary(p => p, _ => new List<DateTimeOffset>());
        var refused = principals.Keys.ToDictionary(p => p, _ => 0);
        foreach (var step in schedule.Steps)
        {
            clock.Advance(TimeSpan.FromMilliseconds(step.AdvanceMs));
            var decision = await gateways[step.Instance].AcquireAsync(RateLimitBuckets.General, principals[step.Principal], Limit, CancellationToken.None);
            if (decision.Allowed)
            {
                allowedAt[step.Principal].Add(clock.GetUtcNow());
            }
            else
            {
                refused[step.Principal]++;
            }
        }

        var withinEveryWindow = allowedAt.Values.All(times => times.All(end => times.Count(t => t > end - Window && t <= end) <= Limit));
        var quietNeverRefused = refused.Where(entry => entry.Key != 0).All(entry => entry.Value == 0);
        var noisyServedEnough = !schedule.ClockStandsStill || allowedAt[0].Count >= Limit - (schedule.Instances * MaxPermits);
        return withinEveryWindow && quietNeverRefused && noisyServedEnough;
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Far_from_the_limit_a_principal_costs_one_redis_call_per_lease_and_the_next_lease_is_fetched_once_half_is_used(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var redis = new SwitchableRedisConnection(server.Multiplexer);
        var gateway = Create(redis, new ManualTimeProvider());
        var principal = Limiters.FreshPrincipal();

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 12; i++)
        {
            decisions.Add(await gateway.AcquireAsync(RateLimitBuckets.General, principal, Limit, CancellationToken.None));
        }

        // Leases of 2, 3, 3, 3 and 3 permits, one entry each and all counted in the shared log: each next lease is asked for when half of
        // the current one is left, and is no bigger than keeps both within MaxPermits (4) unused.
        Assert.All(decisions, d => Assert.True(d.Allowed));
        Assert.Equal(5, redis.Uses);
        Assert.Equal(5, await server.Multiplexer.GetDatabase().SortedSetLengthAsync(RateLimitKeys.Log(RateLimitBuckets.General, principal)));
        Assert.Equal(14, (long)await server.Multiplexer.GetDatabase().StringGetAsync(RateLimitKeys.Count(RateLimitBuckets.General, principal)));
        Assert.Equal(new RateLimitDecision(true, Limit, Limit - 1, Window, null), decisions[0]);
        Assert.Equal(Limit - 12, decisions[^1].Remaining);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Requests_keep_taking_what_is_left_of_a_lease_while_the_next_one_is_still_on_its_way(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        await using var hanging = await SwitchableRedisConnection.HangingAsync();
        var redis = new SwitchableRedisConnection(server.Multiplexer);
        var gateway = Create(redis, new ManualTimeProvider(), minPermits: 4, maxPermits: 8);
        var principal = Limiters.FreshPrincipal();
        Task<RateLimitDecision> Acquire() => gateway.AcquireAsync(RateLimitBuckets.General, principal, Limit, CancellationToken.None);

        Assert.True((await Acquire()).Allowed);
        redis.Target = hanging;
        var usesBefore = redis.Uses;

        // The second request finds half of the lease of 4 left and asks a Redis that never answers for the next one;
        // it and the two after it are answered at once from what is left, without waiting for that call.
        var whileFetching = new[] { Acquire(), Acquire(), Acquire() };

        Assert.All(whileFetching, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.All(whileFetching, task => Assert.True(task.Result.Allowed));
        Assert.Equal([Limit - 2, Limit - 3, Limit - 4], whileFetching.Select(task => task.Result.Remaining));
        Assert.Equal(usesBefore + 1, redis.Uses);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Near_the_limit_the_exact_script_decides_and_retry_after_waits_for_leased_entries_dated_ahead(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();
        var gateway = Create(new SwitchableRedisConnection(server.Multiplexer), clock);
        var principal = Limiters.FreshPrincipal();
        Task<RateLimitDecision> Acquire() => gateway.AcquireAsync(RateLimitBuckets.General, principal, Limit, CancellationToken.None);

        // Leases of 2, then six of 3 permits at t=0, each asked for while half the one before is left; with 20 permits counted,
        // Fraction of the limit, the next is refused, and after the 20 leased permits are used it is exact from t=10 s.
        var allowed = 0;
        for (var i = 0; i < Limit; i++)
        {
            clock.Advance(i == 20 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero);
            allowed += (await Acquire()).Allowed ? 1 : 0;
        }

        var refused = await Acquire();
        var wait = Window + Lifetime - TimeSpan.FromSeconds(10);
        clock.Advance(wait - TimeSpan.FromMilliseconds(1));
        var almost = await Acquire();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var again = await Acquire();

        // One instance holds back nothing: the whole limit is served. The oldest entries are the leased ones, dated a
        // lifetime ahead of their grant, so the wait is a lifetime longer than for requests counted when made: later, never earlier.
        Assert.Equal(Limit, allowed);
        Assert.Equal(new RateLimitDecision(false, Limit, 0, wait, wait), refused);
        Assert.False(almost.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(1), almost.RetryAfter);
        Assert.True(again.Allowed);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_permit_used_late_in_its_lease_still_counts_a_full_window_after_its_use(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();
        var gateway = Create(new SwitchableRedisConnection(server.Multiplexer), clock);
        var principal = Limiters.FreshPrincipal();
        Task<RateLimitDecision> Acquire() => gateway.AcquireAsync(RateLimitBuckets.General, principal, Limit, CancellationToken.None);

        // t=0 leases 2 permits and uses one; t=0.9 s uses the other, then spends the rest of the limit.
        Assert.True((await Acquire()).Allowed);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        for (var i = 1; i < Limit; i++)
        {
            Assert.True((await Acquire()).Allowed);
        }

        // At t=60.5 s the request made at 0.9 s is still in the window: an entry dated at the lease's grant would have left.
        clock.Advance(Window - TimeSpan.FromMilliseconds(400));
        var refused = await Acquire();

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(400), refused.RetryAfter);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Two_instances_racing_for_one_principal_never_exceed_its_limit_and_hold_back_at_most_their_leases(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        await using var other = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var clock = new ManualTimeProvider();
        var first = Create(new SwitchableRedisConnection(server.Multiplexer), clock);
        var second = Create(new SwitchableRedisConnection(other), clock);
        var principal = Limiters.FreshPrincipal();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? first : second).AcquireAsync(RateLimitBuckets.General, principal, Limit, CancellationToken.None)));

        Assert.InRange(decisions.Count(d => d.Allowed), Limit - (2 * MaxPermits), Limit);
    }

    [Fact]
    public async Task With_redis_down_leases_are_not_tried_past_the_breaker_and_the_local_limiter_answers()
    {
        await using var down = await SwitchableRedisConnection.FailingFastAsync($"127.0.0.1:{FreePort.Next()}");
        var redis = new SwitchableRedisConnection(down);
        var gateway = Create(redis, new ManualTimeProvider());
        var principal = Limiters.FreshPrincipal();

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i <= Limit; i++)
        {
            decisions.Add(await gateway.AcquireAsync(RateLimitBuckets.General, principal, Limit, CancellationToken.None));
        }

        // Two calls (lease, then exact) for the first request, one lease for the second: then the circuit is open.
        Assert.Equal(3, redis.Uses);
        Assert.All(decisions.Take(Limit), d => Assert.True(d.Allowed));
        Assert.Equal(new RateLimitDecision(false, Limit, 0, Window, Window), decisions[^1]);
    }
}
