using System.Buffers.Binary;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf;

namespace HushRyd.Runtime.Embedded.Workflows.Sidecar;

/// <summary>
/// The one place where Dapr's copy of the durabletask protos and Microsoft's disagree on the wire (ADR 0006).
/// Dapr's <c>ScheduleTaskAction</c> has field 4 = <c>TaskRouter router</c> and field 5 = <c>string
/// taskExecutionId</c>; Microsoft's has field 4 = <c>map tags</c> and field 5 = <c>TraceContext
/// parentTraceContext</c>, so Microsoft's server cannot parse a completion that schedules an activity.
/// Both fields are cleared here, in Dapr's own message type, before the server reads the request. Dapr's
/// newer <c>CompleteWorkflowTask</c> call carries the same message as <c>CompleteOrchestratorTask</c>.
/// </summary>
internal static class DaprWireCompatibility
{
    public const string CompleteWorkflowTaskPath = "/TaskHubSidecarService/CompleteWorkflowTask";
    public const string CompleteOrchestratorTaskPath = "/TaskHubSidecarService/CompleteOrchestratorTask";

    private const int FrameHeaderLength = 5;

    /// <summary>
    /// One gRPC frame (flag byte, big-endian length, message) of a Dapr <see cref="WorkflowResponse"/>, re-framed
    /// without the conflicting fields; a compressed or partial frame is returned untouched.
    /// </summary>
    public static byte[] RewriteCompletionFrame(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Length < FrameHeaderLength || frame[0] != 0)
        {
            return frame;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
        if (length != frame.Length - FrameHeaderLength)
        {
            return frame;
        }

        var response = WorkflowResponse.Parser.ParseFrom(frame, FrameHeaderLength, length);
        if (!ClearConflictingFields(response))
        {
            return frame;
        }

        var payload = response.ToByteArray();
        var rewritten = new byte[FrameHeaderLength + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(rewritten.AsSpan(1, 4), payload.Length);
        payload.CopyTo(rewritten, FrameHeaderLength);
        return rewritten;
    }

    private static bool ClearConflictingFields(WorkflowResponse response)
    {
        var changed = false;
        foreach (var action in response.Actions)
        {
            if (action.ScheduleTask is not { } scheduleTask)
            {
                continue;
            }

            if (scheduleTask.TaskExecutionId.Length > 0)
            {
                scheduleTask.TaskExecutionId = string.Empty;
                changed = true;
            }

            if (scheduleTask.Router is not null)
            {
                scheduleTask.Router = null;
                changed = true;
            }
        }

        return changed;
    }
}
