using HushRyd.Platform.Realtime;
using HushRyd.Realtime.Hubs;
using HushRyd.Realtime.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;

namespace HushRyd.Realtime.Lean;

/// <summary>
/// What a lean connection's client asks, answered as <see cref="RealtimeHub"/> answers it: <c>JoinTrip</c> and
/// <c>LeaveTrip</c>, one at a time, each with its completion (or its hub error) when the client waits for one.
/// </summary>
internal sealed partial class LeanHubInvocations(LeanHubConnection connection, HubRooms rooms, RoomMembership membership, bool detailedErrors, ILogger logger)
{
    /// <returns>False when the client closed the connection.</returns>
    public async Task<bool> DispatchAsync(HubMessage message)
    {
        switch (message)
        {
            case InvocationMessage invocation:
                await InvokeAsync(invocation);
                return true;
            case InvocationBindingFailureMessage failure:
                await CompleteAsync(failure.InvocationId, HubErrors.Describe($"Failed to invoke '{failure.Target}' due to an error on the server.", failure.BindingFailure.SourceException, detailedErrors));
                return true;
            case StreamInvocationMessage stream:
                await CompleteAsync(stream.InvocationId, $"The client attempted to invoke the non-streaming '{stream.Target}' method with a streaming invocation.");
                return true;
            case CloseMessage:
                return false;
            default:
                // Pings only show the client is there; the hub has no streams to cancel or feed and asks clients nothing.
                return true;
        }
    }

    private async Task InvokeAsync(InvocationMessage invocation)
    {
        try
        {
            var tripId = invocation.Arguments[0] as string;
            if (IsJoin(invocation))
            {
                var room = await rooms.TripAsync(connection.User, tripId!, connection.Aborted);
                await HubRooms.JoinAsync(() => membership.JoinAsync(connection, room));
            }
            else if (!string.IsNullOrWhiteSpace(tripId))
            {
                await membership.LeaveAsync(connection, RealtimeRooms.Trip(tripId));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !connection.Aborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, invocation.Target, connection.ConnectionId);
            var method = IsJoin(invocation) ? HubInvocationBinder.JoinTrip : HubInvocationBinder.LeaveTrip;
            await CompleteAsync(invocation.InvocationId, HubErrors.Describe($"An unexpected error occurred invoking '{method}' on the server.", ex, detailedErrors));
            return;
        }

        await CompleteAsync(invocation.InvocationId, null);
    }

    private static bool IsJoin(InvocationMessage invocation) => HubInvocationBinder.Is(invocation.Target, HubInvocationBinder.JoinTrip);

    private async Task CompleteAsync(string? invocationId, string? error)
    {
        if (invocationId is null)
        {
            return;
        }

        var completion = error is null ? CompletionMessage.Empty(invocationId) : CompletionMessage.WithError(invocationId, error);
        await connection.SendAsync(connection.Protocol.Bytes(completion));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub method {Method} failed for lean connection {ConnectionId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connectionId);
}
