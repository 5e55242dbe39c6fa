using HushRyd.Testing;
using FsCheck;
using FsCheck.Fluent;
using HushRyd.Gateway.RateLimiting;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>What every limiter must satisfy, Redis-backed or local, written once.</summary>
public static class SlidingWindowScenarios
{
    private const int Limit = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Property 5: for random interleavings of 2–4 principals of one tier, one of them over the limit, each is
    /// allowed exactly min(its requests, limit). The clock stands still, so nothing leaves the window mid-case.
    /// </summary>
    public static Task FairnessHoldsAsync(IRateLimiter limiter) =>
        // Off xunit's synchronisation context: FsCheck waits on each case's task, and its continuations must not queue behind it.
        Task.Run(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(40),
            Prop.ForAll(Interleavings(), interleaving => AllowedExactlyUpToTheLimitAsync(limiter, interleaving))));

    private static Arbitrary<Interleaving> Interleavings() =>
        (from principals in Gen.Choose(2, 4)
         from over in Gen.Choose(Limit + 1, Limit * 3)
         from others in Gen.ListOf(Gen.Choose(0, Limit * 2), principals - 1)
         let requests = others.Prepend(over).ToArray()
         from order in Gen.Shuffle(requests.SelectMany((count, principal) => Enumerable.Repeat(principal, count)))
         select new Interleaving(requests, order)).ToArbitrary();

    private static async Task<bool> AllowedExactlyUpToTheLimitAsync(IRateLimiter limiter, Interleaving interleaving)
    {
        var names = interleaving.Requests.Select(_ => Limiters.FreshPrincipal()).ToArray();
        var allowed = new int[names.Length];
        foreach (var principal in interleaving.Order)
        {
            var decision = await limiter.AcquireAsync(RateLimitBuckets.General, names[principal], Limit, CancellationToken.None);
            if (decision.Allowed)
            {
                allowed[principal]++;
            }
        }

        return allowed.Select((count, principal) => count == Math.Min(interleaving.Requests[principal], Limit)).All(fair => fair);
    }

    /// <summary>Refused from the limit until the oldest request leaves the window, to the millisecond, then allowed again.</summary>
    public static async Task RefusesUntilTheOldestLeavesTheWindowAsync(IRateLimiter limiter, ManualTimeProvider clock)
    {
        var principal = Limiters.FreshPrincipal();
        Task<RateLimitDecision> Acquire() => limiter.AcquireAsync(RateLimitBuckets.General, principal, 3, CancellationToken.None);

        Assert.Equal(new RateLimitDecision(true, 3, 2, Window, null), await Acquire());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new RateLimitDecision(true, 3, 1, TimeSpan.FromSeconds(50), null), await Acquire());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new RateLimitDecision(true, 3, 0, TimeSpan.FromSeconds(40), null), await Acquire());

        clock.Advance(TimeSpan.FromSeconds(10));
        var refused = TimeSpan.FromSeconds(30);
        Assert.Equal(new RateLimitDecision(false, 3, 0, refused, refused), await Acquire());

        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        var almost = TimeSpan.FromMilliseconds(1);
        Assert.Equal(new RateLimitDecision(false, 3, 0, almost, almost), await Acquire());

        // The first request (t=0) leaves exactly one window later; the second (t=10 s) is now the oldest.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new RateLimitDecision(true, 3, 0, TimeSpan.FromSeconds(10), null), await Acquire());
        var next = TimeSpan.FromSeconds(10);
        Assert.Equal(new RateLimitDecision(false, 3, 0, next, next), await Acquire());

        // Refusals are not counted: once the whole window has passed, the full budget is back.
        clock.Advance(Window);
        Assert.Equal(new RateLimitDecision(true, 3, 2, Window, null), await Acquire());
    }

    /// <summary>A downgraded principal (lower limit, same log) waits until enough entries leave, not just the oldest.</summary>
    public static async Task A_lower_limit_waits_for_enough_entries_to_leaveAsync(IRateLimiter limiter, ManualTimeProvider clock)
    {
        var principal = Limiters.FreshPrincipal();
        for (var second = 0; second < 4; second++)
        {
            Assert.True((await limiter.AcquireAsync(RateLimitBuckets.General, principal, 10, CancellationToken.None)).Allowed);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Four entries at t=0..3 s, now t=4 s, limit 2: only one may remain, so those at 0, 1 and 2 s must leave: t=62 s.
        var wait = TimeSpan.FromSeconds(58);
        Assert.Equal(new RateLimitDecision(false, 2, 0, wait, wait), await limiter.AcquireAsync(RateLimitBuckets.General, principal, 2, CancellationToken.None));
    }

    public static async Task Buckets_never_share_a_budgetAsync(IRateLimiter limiter)
    {
        var principal = Limiters.FreshPrincipal();
        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync(RateLimitBuckets.General, principal, 2, CancellationToken.None);
        }

        var sos = await limiter.AcquireAsync(RateLimitBuckets.Sos, principal, 2, CancellationToken.None);

        Assert.True(sos.Allowed);
        Assert.Equal(1, sos.Remaining);
    }
}
