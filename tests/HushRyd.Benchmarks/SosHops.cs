using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HushRyd.Benchmarks;

/// <summary>
/// Where an alert's time to its first notification went, from the stores' own clocks: the 201, the workflow's creation
/// (<c>instances.created_at</c>), the episode that scheduled its first notification (that event's timestamp), the first
/// notification job the activities asked for (<c>notification_jobs.created_at</c>), and the first line in the dev outbox.
/// Each list holds one figure per alert that has all five.
/// </summary>
internal sealed record SosHops(
    IReadOnlyList<double> AnsweredToCreatedMs,
    IReadOnlyList<double> CreatedToScheduledMs,
    IReadOnlyList<double> ScheduledToQueuedMs,
    IReadOnlyList<double> QueuedToDispatchedMs)
{
    private const int TaskScheduled = 4;
    private static readonly string[] NotifyActivities = ["NotifyDeskActivity", "NotifyTrustedContactActivity"];

    public static SosHops Read(string dataDirectory, IEnumerable<SosTrigger> triggers, SosOutboxWatcher watcher)
    {
        var created = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var scheduled = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "workflows.db")};Mode=ReadOnly");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT instance_id, created_at FROM instances;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                created[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT instance_id, event_json FROM history WHERE event_type = {TaskScheduled};";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                using var json = JsonDocument.Parse(reader.GetString(1));
                var name = json.RootElement.GetProperty("Name").GetString();
                var at = json.RootElement.GetProperty("Timestamp").GetDateTimeOffset();
                var id = reader.GetString(0);
                if (NotifyActivities.Contains(name) && (!scheduled.TryGetValue(id, out var earlier) || at < earlier))
                {
                    scheduled[id] = at;
                }
            }
        }

        var queued = FirstJobs(dataDirectory);
        var hops = triggers
            .Where(t => t.AlertId is { } id && created.ContainsKey(id) && scheduled.ContainsKey(id) && queued.ContainsKey(id))
            .Select(t => (Trigger: t, Dispatched: SosLoadResult.TriggerToFirstDispatchMs(t, watcher)))
            .Where(h => h.Dispatched is not null)
            .Select(h =>
            {
                var answered = h.Trigger.SentAt.AddMilliseconds(h.Trigger.PersistedMs);
                var dispatched = h.Trigger.SentAt.AddMilliseconds(h.Dispatched!.Value);
                var (at, notify, job) = (created[h.Trigger.AlertId!], scheduled[h.Trigger.AlertId!], queued[h.Trigger.AlertId!]);
                return ((at - answered).TotalMilliseconds, (notify - at).TotalMilliseconds, (job - notify).TotalMilliseconds, (dispatched - job).TotalMilliseconds);
            })
            .ToList();
        return new SosHops([.. hops.Select(h => h.Item1)], [.. hops.Select(h => h.Item2)], [.. hops.Select(h => h.Item3)], [.. hops.Select(h => h.Item4)]);
    }

    /// <summary>When the first desk or contact job of each alert was asked for (its dedupe key is <c>sos:{alertId}:{step}:…</c>).</summary>
    private static Dictionary<string, DateTimeOffset> FirstJobs(string dataDirectory)
    {
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "hushryd.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dedupe_key, created_at FROM notification_jobs WHERE dedupe_key LIKE 'sos:%:desk:%' OR dedupe_key LIKE 'sos:%:contact:%';";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0).Split(':')[1];
            var at = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            if (!first.TryGetValue(id, out var earlier) || at < earlier)
            {
                first[id] = at;
            }
        }

        return first;
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"Where the time to the first notification went, p50 / p99 over {AnsweredToCreatedMs.Count} alerts: 201 → workflow created {Ms(AnsweredToCreatedMs)}; created → its first notification scheduled {Ms(CreatedToScheduledMs)}; scheduled → the activity asks for the job {Ms(ScheduledToQueuedMs)}; asked → first line in the outbox {Ms(QueuedToDispatchedMs)}. The hops' own p99s need not add up to the total's.");

    private static string Ms(IReadOnlyList<double> values) => string.Create(
        CultureInfo.InvariantCulture, $"{SosLoadResult.Percentile(values, 50):N0} / {SosLoadResult.Percentile(values, 99):N0} ms");
}
