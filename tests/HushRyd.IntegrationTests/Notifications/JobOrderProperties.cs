using FsCheck;
using FsCheck.Fluent;
using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Notifications;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>The order workers take jobs in, straight against each job store they claim from.</summary>
public sealed class JobOrderProperties
{
    [SkippableTheory]
    [InlineData(JobStoreKind.Sqlite)]
    [InlineData(JobStoreKind.Garnet)]
    [InlineData(JobStoreKind.RedisServer)]
    public async Task For_any_mix_of_adds_jobs_are_taken_most_urgent_first_and_in_order_within_a_priority(JobStoreKind kind)
    {
        await using var engine = await JobStoreUnderTest.StartAsync(kind);
        var mixes = Gen.Elements(Enum.GetValues<JobPriority>()).ListOf().Where(list => list.Count is > 0 and <= 30);
        var slots = Gen.Choose(1, 5);
        Prop.ForAll(mixes.ToArbitrary(), slots.ToArbitrary(), (mix, batch) => TakenInPriorityOrder(engine.Store, mix, batch).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [SkippableTheory]
    [InlineData(JobStoreKind.Sqlite)]
    [InlineData(JobStoreKind.Garnet)]
    [InlineData(JobStoreKind.RedisServer)]
    public async Task Normal_jobs_never_take_the_slots_kept_for_critical_ones(JobStoreKind kind)
    {
        await using var engine = await JobStoreUnderTest.StartAsync(kind);
        var normal = await JobStoreContract.AddAsync(engine.Store, NotificationChannelKind.Push, JobPriority.Normal, 0);
        await JobStoreContract.AddAsync(engine.Store, NotificationChannelKind.Push, JobPriority.Normal, 1);

        var first = await engine.Store.ClaimAsync(NotificationChannelKind.Push, slots: 2, nonCriticalSlots: 1, CancellationToken.None);
        var critical = await JobStoreContract.AddAsync(engine.Store, NotificationChannelKind.Push, JobPriority.Critical, 2);
        var second = await engine.Store.ClaimAsync(NotificationChannelKind.Push, slots: 1, nonCriticalSlots: 0, CancellationToken.None);

        Assert.Equal([normal.Id], first.Select(j => j.Id));
        Assert.Equal([critical.Id], second.Select(j => j.Id));
    }

    private static async Task<bool> TakenInPriorityOrder(IJobStore store, List<JobPriority> mix, int batch)
    {
        var added = new List<NotificationJob>();
        for (var i = 0; i < mix.Count; i++)
        {
            added.Add(await JobStoreContract.AddAsync(store, NotificationChannelKind.Email, mix[i], i));
        }

        var taken = new List<NotificationJob>();
        while (await store.ClaimAsync(NotificationChannelKind.Email, batch, batch, CancellationToken.None) is { Count: > 0 } claimed)
        {
            taken.AddRange(claimed);
            foreach (var job in claimed)
            {
                await store.CompleteAsync(job, "sendgrid", "id-" + job.Id, null);
            }
        }

        return taken.Select(j => j.Id).SequenceEqual(added.OrderBy(j => j.Priority).Select(j => j.Id));
    }
}
