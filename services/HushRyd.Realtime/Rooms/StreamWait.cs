using System.Threading.Channels;

namespace HushRyd.Realtime.Rooms;

/// <summary>What a server-sent-events stream's member queue gave within a wait: a message, nothing (time for a ping), or its end.</summary>
internal enum StreamWait
{
    Message,
    Quiet,
    Closed,
}

internal static class StreamWaits
{
    public static async Task<StreamWait> NextAsync(ChannelReader<RoomMessage> reader, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(wait);
        try
        {
            return await reader.WaitToReadAsync(quiet.Token) ? StreamWait.Message : StreamWait.Closed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StreamWait.Quiet;
        }
    }
}
