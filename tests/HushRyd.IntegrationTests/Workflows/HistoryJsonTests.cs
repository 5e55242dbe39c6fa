using DurableTask.Core;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Workflows.Storage;

namespace HushRyd.IntegrationTests.Workflows;

public sealed class HistoryJsonTests
{
    public static TheoryData<HistoryEvent> Events() => new()
    {
        new ExecutionStartedEvent(-1, "\"in\"") { Name = "wf", Version = "1", OrchestrationInstance = new OrchestrationInstance { InstanceId = "i", ExecutionId = "e" }, Tags = new Dictionary<string, string> { ["k"] = "v" } },
        new TaskScheduledEvent(3, "act", "1", "\"x\""),
        new TaskCompletedEvent(-1, 3, "\"done\""),
        new TaskFailedEvent(-1, 3, null, null, new FailureDetails("E", "boom", "stack", null, false)),
        new TimerCreatedEvent(4, new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc)),
        new TimerFiredEvent(-1, new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc)) { TimerId = 4 },
        new EventRaisedEvent(-1, "\"ack\"") { Name = "acknowledged" },
        new EventSentEvent(5) { InstanceId = "other", Name = "n", Input = "1" },
        new ExecutionCompletedEvent(6, "\"out\"", OrchestrationStatus.Completed),
        new ExecutionTerminatedEvent(-1, "why"),
        new OrchestratorStartedEvent(-1),
        new OrchestratorCompletedEvent(-1),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_kind_the_sidecar_writes_comes_back_with_its_type_ids_and_utc_times(HistoryEvent original)
    {
        var copy = HistoryJson.ReadEvent(HistoryJson.Write(original));

        Assert.IsType(original.GetType(), copy);
        Assert.Equal(original.EventId, copy.EventId);
        Assert.Equal(DateTimeKind.Utc, copy.Timestamp.Kind);
        Assert.Equal(original.Timestamp, copy.Timestamp);
        Assert.Equal(HistoryJson.Write(original), HistoryJson.Write(copy));
    }

    [Fact]
    public void A_timer_message_keeps_its_timer_id_and_fire_time()
    {
        var fireAt = new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
        var message = new TaskMessage { Event = new TimerFiredEvent(-1, fireAt) { TimerId = 7 }, OrchestrationInstance = new OrchestrationInstance { InstanceId = "i", ExecutionId = "e" } };

        var copy = (TimerFiredEvent)HistoryJson.ReadMessage(HistoryJson.Write(message)).Event;

        Assert.Equal(7, copy.TimerId);
        Assert.Equal(fireAt, copy.FireAt);
        Assert.Equal(DateTimeKind.Utc, copy.FireAt.Kind);
    }
}
