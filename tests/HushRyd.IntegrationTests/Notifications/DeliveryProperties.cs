using FsCheck;
using FsCheck.Fluent;
using HushRyd.Notifications.Providers;
using HushRyd.Platform.Notifications;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>Seed Property 4 and the fallback rule, for any schedule of provider failures, against the real queue and outbox.</summary>
public sealed class DeliveryProperties
{
    private static readonly double[] Shares = [0, 0.25, 0.5, 1];

    private static readonly Dictionary<string, string?> ShortFigures = new()
    {
        ["Notifications:Queues:MaxAttempts:Critical"] = "4",
        ["Notifications:Queues:MaxAttempts:High"] = "3",
        ["Notifications:Queues:MaxAttempts:Normal"] = "2",
        ["Notifications:Providers:twilio:Threshold"] = "2",
        ["Notifications:Providers:twilio:ResetTimeout"] = "00:00:00.5",
        ["Notifications:Providers:msg91:Threshold"] = "2",
        ["Notifications:Providers:msg91:ResetTimeout"] = "00:00:00.5",
    };

    [Fact]
    public void Every_acknowledged_job_ends_completed_or_failed_within_its_attempts_and_is_sent_at_most_once()
    {
        var schedules =
            from primary in Gen.Elements(Shares)
            from fallback in Gen.Elements(Shares)
            from jobs in Gen.Elements(Enum.GetValues<JobPriority>()).ListOf().Where(list => list.Count is > 0 and <= 8)
            select (primary, fallback, jobs);
        Prop.ForAll(schedules.ToArbitrary(), schedule => EndsWellAsync(schedule.primary, schedule.fallback, schedule.jobs).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    [Fact]
    public void The_fallback_is_asked_exactly_when_the_primary_failed_or_its_circuit_was_open()
    {
        var schedules = Gen.Elements(true, false).Zip(Gen.Elements(true, false)).ListOf().Where(list => list.Count is > 0 and <= 30);
        Prop.ForAll(schedules.ToArbitrary(), schedule => FallbackExactlyWhenNeededAsync(schedule).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(15));
    }

    private static async Task<bool> EndsWellAsync(double primaryShare, double fallbackShare, List<JobPriority> priorities)
    {
        using var data = new TempDirectory();
        using var host = await NotificationHost.StartAsync(data.Path, ShortFigures);
        var run = new SmsRun(host);
        run.Faults.Set(ProviderNames.Twilio, primaryShare);
        run.Faults.Set(ProviderNames.Msg91, fallbackShare);

        var added = new List<NotificationJob>();
        for (var n = 0; n < priorities.Count; n++)
        {
            added.Add(await run.Queue.AddJobAsync(SmsRun.Sms(n), priorities[n]));
        }

        var ended = await run.EndedAsync(added);
        var outbox = await run.OutboxAsync();
        await host.StopAsync();

        var withinAttempts = ended.TrueForAll(job => job.Attempts >= 1 && job.Attempts <= job.MaxAttempts && (job.Status == JobStatus.Completed || job.Attempts == job.MaxAttempts));
        var sentOnceEach = ended.TrueForAll(job =>
            outbox.Count(entry => entry.IdempotencyKey == job.Id) == (job.Status == JobStatus.Completed ? 1 : 0)
            && (job.Status != JobStatus.Completed || outbox.Single(entry => entry.IdempotencyKey == job.Id).Provider == job.Provider));
        var providersAsExpected = (primaryShare, fallbackShare) switch
        {
            (0, _) => ended.TrueForAll(job => job.Provider == ProviderNames.Twilio && job.Status == JobStatus.Completed),
            (1, 0) => ended.TrueForAll(job => job.Provider == ProviderNames.Msg91 && job.Status == JobStatus.Completed),
            (1, 1) => ended.TrueForAll(job => job.Status == JobStatus.Failed),
            _ => true,
        };
        return withinAttempts && sentOnceEach && providersAsExpected;
    }

    /// <summary>
    /// Sends one message per step of the schedule, each provider told to fail that step's send or not: the primary is
    /// skipped exactly while its circuit is open, the fallback is asked exactly when the primary failed or was skipped,
    /// and the message is sent exactly when one of them took it.
    /// </summary>
    private static async Task<bool> FallbackExactlyWhenNeededAsync(List<(bool PrimaryFails, bool FallbackFails)> schedule)
    {
        using var data = new TempDirectory();
        // Circuits stay open longer than a case runs, so "open" read before a send still holds during it.
        using var host = await NotificationHost.StartAsync(data.Path, new Dictionary<string, string?>(ShortFigures)
        {
            ["Notifications:Providers:twilio:ResetTimeout"] = "00:01:00",
            ["Notifications:Providers:msg91:ResetTimeout"] = "00:01:00",
        });
        var run = new SmsRun(host);
        var chain = host.Services.GetRequiredService<ProviderChain>();
        var ok = true;
        for (var n = 0; n < schedule.Count; n++)
        {
            run.Faults.Set(ProviderNames.Twilio, schedule[n].PrimaryFails ? 1 : 0);
            run.Faults.Set(ProviderNames.Msg91, schedule[n].FallbackFails ? 1 : 0);
            var expectedPrimary = Expected(run.Breaker(ProviderNames.Twilio), schedule[n].PrimaryFails);
            var expectedFallback = Expected(run.Breaker(ProviderNames.Msg91), schedule[n].FallbackFails);

            var delivery = await chain.DeliverAsync(SmsRun.Sms(n), $"job-{n}", CancellationToken.None);

            ok &= delivery.Tries[0] is { Provider: ProviderNames.Twilio } primary
                && primary.Outcome == expectedPrimary
                && (primary.Outcome == ProviderOutcome.Sent
                    ? delivery.Tries.Count == 1
                    : delivery.Tries.Count == 2 && delivery.Tries[1].Provider == ProviderNames.Msg91 && delivery.Tries[1].Outcome == expectedFallback)
                && delivery.Sent == (delivery.Tries[^1].Outcome == ProviderOutcome.Sent);
        }

        await host.StopAsync();
        return ok;
    }

    private static ProviderOutcome Expected(ProviderBreaker breaker, bool toldToFail) =>
        breaker.State == CircuitState.Open ? ProviderOutcome.CircuitOpen : toldToFail ? ProviderOutcome.Failed : ProviderOutcome.Sent;
}
