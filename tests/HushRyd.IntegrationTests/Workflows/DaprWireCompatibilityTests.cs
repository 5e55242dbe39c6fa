using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using HushRyd.Runtime.Embedded.Workflows.Sidecar;
using D = Dapr.DurableTask.Protobuf;
using M = Microsoft.DurableTask.Protobuf;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>
/// Pins the one wire disagreement between Dapr's durabletask protos (Dapr.Workflow 1.19) and Microsoft's
/// (the sidecar's server) that the shim repairs (ADR 0006). When an upgrade on either side changes these
/// facts, these tests fail and say which assumption of the shim no longer holds.
/// </summary>
public sealed class DaprWireCompatibilityTests
{
    [Fact]
    public void Dapr_and_Microsoft_still_give_ScheduleTaskAction_fields_4_and_5_incompatible_types()
    {
        var dapr = D.ScheduleTaskAction.Descriptor;
        var microsoft = M.ScheduleTaskAction.Descriptor;

        Assert.Equal(FieldType.Message, dapr.FindFieldByNumber(4).FieldType);
        Assert.Equal(D.TaskRouter.Descriptor, dapr.FindFieldByNumber(4).MessageType);
        Assert.Equal(FieldType.String, dapr.FindFieldByNumber(5).FieldType);
        Assert.True(microsoft.FindFieldByNumber(4).IsMap);
        Assert.Equal(FieldType.Message, microsoft.FindFieldByNumber(5).FieldType);
        Assert.Equal(M.TraceContext.Descriptor, microsoft.FindFieldByNumber(5).MessageType);
    }

    [Fact]
    public void The_completion_call_names_the_shim_maps_exist_on_each_side()
    {
        var dapr = D.TaskHubSidecarService.Descriptor.Methods.Select(m => m.Name).ToList();
        var microsoft = M.TaskHubSidecarService.Descriptor.Methods.Select(m => m.Name).ToList();

        Assert.Contains("CompleteWorkflowTask", dapr);
        Assert.DoesNotContain("CompleteWorkflowTask", microsoft);
        Assert.Contains("CompleteOrchestratorTask", microsoft);
        Assert.Equal(DaprWireCompatibility.CompleteOrchestratorTaskPath, $"/{M.TaskHubSidecarService.Descriptor.Name}/CompleteOrchestratorTask");
        Assert.Equal(DaprWireCompatibility.CompleteWorkflowTaskPath, $"/{D.TaskHubSidecarService.Descriptor.Name}/CompleteWorkflowTask");
    }

    [Fact]
    public void Microsoft_cannot_read_a_Dapr_completion_that_schedules_an_activity_until_the_shim_rewrites_it()
    {
        var frame = Frame(DaprCompletion());

        Assert.Throws<InvalidProtocolBufferException>(() => M.OrchestratorResponse.Parser.ParseFrom(frame.AsSpan(5)));
        var read = M.OrchestratorResponse.Parser.ParseFrom(DaprWireCompatibility.RewriteCompletionFrame(frame).AsSpan(5));

        Assert.Equal("sos-1", read.InstanceId);
        Assert.Equal("escalating", read.CustomStatus);
        Assert.Collection(
            read.Actions,
            a => Assert.Equal(("NotifyContacts", "\"in\"", 0), (a.ScheduleTask.Name, a.ScheduleTask.Input, a.Id)),
            a => Assert.Equal(1, a.Id));
        Assert.NotNull(read.Actions[1].CreateTimer);
    }

    [Fact]
    public void A_completion_without_conflicting_fields_passes_through_byte_for_byte()
    {
        var completion = DaprCompletion();
        completion.Actions[0].ScheduleTask.TaskExecutionId = string.Empty;
        completion.Actions[0].ScheduleTask.Router = null;
        var frame = Frame(completion);

        Assert.Same(frame, DaprWireCompatibility.RewriteCompletionFrame(frame));
    }

    private static D.WorkflowResponse DaprCompletion() => new()
    {
        InstanceId = "sos-1",
        CustomStatus = "escalating",
        Actions =
        {
            new D.WorkflowAction
            {
                Id = 0,
                ScheduleTask = new D.ScheduleTaskAction
                {
                    Name = "NotifyContacts",
                    Input = "\"in\"",
                    TaskExecutionId = Guid.NewGuid().ToString(),
                    Router = new D.TaskRouter { SourceAppID = "hushryd-sos", TargetAppID = "hushryd-sos" },
                },
            },
            new D.WorkflowAction { Id = 1, CreateTimer = new D.CreateTimerAction { FireAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow) } },
        },
    };

    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1, 4), payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
