using FsCheck;
using FsCheck.Fluent;
using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Storage;
using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Server.Hosting;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>The order workers take jobs in, straight against the SQLite job store they claim from.</summary>
public sealed class JobOrderProperties : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private ServiceProvider _services = null!;
    private IJobStore _store = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.Configure<EmbeddedRuntimeOptions>(options => options.DataDirectory = _data.Path);
        services.AddSingleton(TimeProvider.System);
        services.AddSqliteJobStore();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<SqliteDatabase>().StartAsync(CancellationToken.None);
        _store = _services.GetRequiredService<IJobStore>();
    }

    [Fact]
    public void For_any_mix_of_adds_jobs_are_taken_most_urgent_first_and_in_order_within_a_priority()
    {
        var mixes = Gen.Elements(Enum.GetValues<JobPriority>()).ListOf().Where(list => list.Count is > 0 and <= 30);
        var slots = Gen.Choose(1, 5);
        Prop.ForAll(mixes.ToArbitrary(), slots.ToArbitrary(), (mix, batch) => TakenInPriorityOrder(mix, batch).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public async Task Normal_jobs_never_take_the_slots_kept_for_critical_ones()
    {
        var normal = await AddAsync(NotificationChannelKind.Push, JobPriority.Normal, 0);
        await AddAsync(NotificationChannelKind.Push, JobPriority.Normal, 1);

        var first = await _store.ClaimAsync(NotificationChannelKind.Push, slots: 2, nonCriticalSlots: 1, CancellationToken.None);
        var critical = await AddAsync(NotificationChannelKind.Push, JobPriority.Critical, 2);
        var second = await _store.ClaimAsync(NotificationChannelKind.Push, slots: 1, nonCriticalSlots: 0, CancellationToken.None);

        Assert.Equal([normal.Id], first.Select(j => j.Id));
        Assert.Equal([critical.Id], second.Select(j => j.Id));
    }

    private async Task<bool> TakenInPriorityOrder(List<JobPriority> mix, int batch)
    {
        var added = new List<NotificationJob>();
        for (var i = 0; i < mix.Count; i++)
        {
            added.Add(await AddAsync(NotificationChannelKind.Email, mix[i], i));
        }

        var taken = new List<NotificationJob>();
        while (await _store.ClaimAsync(NotificationChannelKind.Email, batch, batch, CancellationToken.None) is { Count: > 0 } claimed)
        {
            taken.AddRange(claimed);
            foreach (var job in claimed)
            {
                await _store.CompleteAsync(job, "sendgrid", "id-" + job.Id, null);
            }
        }

        var expected = added.OrderBy(j => j.Priority).Select(j => j.Id);
        return taken.Select(j => j.Id).SequenceEqual(expected);
    }

    private Task<NotificationJob> AddAsync(NotificationChannelKind queue, JobPriority priority, int n) =>
        _store.AddAsync(new NewJob(JobIds.New(), priority, new OutgoingMessage(queue, "rider@example.com", $"message {n}"), 3, null), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _data.Dispose();
    }
}
