using HushRyd.Platform.Trips;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Sos.Raising;
using HushRyd.Sos.Storage;
using HushRyd.Testing;
using HushRyd.Workflows.Sos;
using HushRyd.Workflows.Sos.Activities;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using HushRyd.Workflows.Sos.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>
/// The SOS path with its real parts (the API's raiser, the SQLite store, every activity and the workflow itself) and
/// the world at its ports recorded: the notification queue, realtime, tracking, Trips. The workflow runs on
/// <see cref="VirtualWorkflowContext"/>, so nine two-minute escalations take milliseconds.
/// </summary>
public sealed class SosHarness : IAsyncDisposable
{
    public const string Traveller = "usr_traveller";
    public const string OnCallPhone = "+919811100009";
    public static readonly SosContact[] Contacts = [new("Asha", "+919811100001", null), new("Ravi", "+919811100002", "ravi@example.test")];

    private readonly TempDirectory _directory;
    private readonly SqliteDatabase _database;
    private readonly SqliteWriter _writer;
    private readonly ServiceProvider _http = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    private SosHarness(TempDirectory directory, SqliteDatabase database, SqliteWriter writer, TimeSpan acknowledgeTimeout)
    {
        _directory = directory;
        _database = database;
        _writer = writer;
        Options = new SosOptions
        {
            AcknowledgeTimeout = acknowledgeTimeout,
            DeskEmail = "desk@hushryd.test",
            OnCall = [new OnCallResponder { Name = "Lead", Phone = OnCallPhone }],
        };
        Store = new FlakySosAlertStore(new SqliteSosAlertStore(database, writer), Log);
        Queue = new RecordingNotificationQueue(Log, Clock);
        Workflows = new RecordingWorkflows(Log);
        var trips = new FixedTrips(Contacts);
        Raiser = new SosRaiser(Store, Workflows, trips, trips, Clock, NullLogger<SosRaiser>.Instance);
        var notifier = new SosNotifier(Queue, new RecordingBroadcaster(Log), _http.GetRequiredService<IHttpClientFactory>(), Store, Clock);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var tracking = new RecordingTracking(Log);
        Activities = new Dictionary<string, Func<object?, object?>>(StringComparer.Ordinal)
        {
            [nameof(ConfirmPersistedActivity)] = input => Run(new ConfirmPersistedActivity(Store), (ConfirmPersistedInput)input!),
            [nameof(StartTrackingActivity)] = input => Run(new StartTrackingActivity(Store, tracking, Clock), (StartTrackingInput)input!),
            [nameof(NotifyDeskActivity)] = input => Run(new NotifyDeskActivity(Store, notifier, options), (NotifyDeskInput)input!),
            [nameof(NotifyTrustedContactActivity)] = input => Run(new NotifyTrustedContactActivity(Store, trips, notifier, options), (NotifyTrustedContactInput)input!),
            [nameof(ReadAlertStatusActivity)] = input => Run(new ReadAlertStatusActivity(Store), (ReadAlertStatusInput)input!),
            [nameof(EscalateActivity)] = input => Run(new EscalateActivity(Store, notifier, options, Clock), (EscalateInput)input!),
            [nameof(StopTrackingActivity)] = input => Run(new StopTrackingActivity(Store, tracking, Clock), (StopTrackingInput)input!),
            [nameof(NotifyClosedActivity)] = input => Run(new NotifyClosedActivity(Store, notifier, options), (NotifyClosedInput)input!),
        };
    }

    public SosOptions Options { get; }

    public ManualTimeProvider Clock { get; } = new();

    public SosEventLog Log { get; } = new();

    public FlakySosAlertStore Store { get; }

    public RecordingNotificationQueue Queue { get; }

    public RecordingWorkflows Workflows { get; }

    public SosRaiser Raiser { get; }

    private Dictionary<string, Func<object?, object?>> Activities { get; }

    public static async Task<SosHarness> StartAsync(TimeSpan acknowledgeTimeout)
    {
        var directory = new TempDirectory();
        var database = new SqliteDatabase(
            Microsoft.Extensions.Options.Options.Create(new EmbeddedRuntimeOptions { DataDirectory = directory.Path }), SosMigrations.All, NullLogger<SqliteDatabase>.Instance);
        await database.StartAsync(CancellationToken.None);
        return new SosHarness(directory, database, new SqliteWriter(database, NullLogger<SqliteWriter>.Instance), acknowledgeTimeout);
    }

    public Task<SosRaising> RaiseAsync(string idempotencyKey) =>
        Raiser.RaiseAsync(new RaiseSos(Traveller, "+919811100000", idempotencyKey, null, 12.97, 77.59, null), CancellationToken.None);

    /// <summary>A context for the alert's workflow with every activity wired in.</summary>
    public VirtualWorkflowContext ContextFor(string alertId)
    {
        var context = new VirtualWorkflowContext(alertId, Clock);
        foreach (var (name, run) in Activities)
        {
            context.Activities[name] = run;
        }

        return context;
    }

    /// <summary>Runs the workflow with the input its starter gives it today; <paramref name="legacyInput"/> leaves out the contact count, as starts before it did.</summary>
    public Task<SosOutcome> RunWorkflowAsync(VirtualWorkflowContext context, string alertId, bool legacyInput = false) =>
        context.RunAsync(
            c => new SosWorkflow().RunAsync(c, new SosWorkflowInput(alertId, Options.AcknowledgeTimeout, Options.MaxEscalations, legacyInput ? null : Contacts.Length)),
            TimeSpan.FromDays(1));

    /// <summary>What the admin API does: the store write at <paramref name="storedAt"/>, the workflow event after <paramref name="eventDelay"/> (never, if null).</summary>
    public void ChangeAt(VirtualWorkflowContext context, string alertId, SosStatus target, DateTimeOffset storedAt, TimeSpan? eventDelay)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.DoAt(storedAt, () => Store.TransitionAsync(alertId, target, "usr_admin", Clock.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult());
        if (eventDelay is { } delay)
        {
            var eventName = target == SosStatus.Acknowledged ? SosWorkflowEvents.Acknowledged : SosWorkflowEvents.Closed;
            context.RaiseAt(storedAt + delay, eventName, target.WireName());
        }
    }

    public List<string> Sent(string toPhone, string text) =>
        [.. Queue.Added.Where(a => a.Message.To == toPhone && a.Message.Body.Contains(text, StringComparison.Ordinal)).Select(a => a.Message.Body)];

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _database.DisposeAsync();
        await _http.DisposeAsync();
        _directory.Dispose();
    }

    private static object? Run<TInput, TOutput>(global::Dapr.Workflow.WorkflowActivity<TInput, TOutput> activity, TInput input) =>
        activity.RunAsync(new TestActivityContext("sos"), input).GetAwaiter().GetResult();
}
