using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace HushRyd.Realtime.Rooms;

/// <summary>
/// A room as server-sent events for one stream member: <c>ready</c> once the member is in the room, each message the
/// stream shows, <c>ping</c> while quiet as long as the stream's grant still holds, <c>ended</c> once it does not.
/// </summary>
internal static class RoomStream
{
    public static async IAsyncEnumerable<SseItem<T?>> EventsAsync<T>(
        string room,
        StreamMember member,
        RoomMembership membership,
        TimeSpan recheck,
        Func<CancellationToken, Task<bool>> stillGranted,
        Func<RoomMessage, SseItem<T?>?> show,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await membership.JoinAsync(room, member);
        try
        {
            yield return new SseItem<T?>(default, "ready");
            while (true)
            {
                var next = await NextAsync(member.Reader, recheck, cancellationToken);
                if (next == Next.Closed)
                {
                    yield break;
                }

                if (next == Next.Quiet)
                {
                    if (!await stillGranted(cancellationToken))
                    {
                        yield return new SseItem<T?>(default, "ended");
                        yield break;
                    }

                    yield return new SseItem<T?>(default, "ping");
                    continue;
                }

                while (member.Reader.TryRead(out var message))
                {
                    if (show(message) is { } item)
                    {
                        yield return item;
                    }
                }
            }
        }
        finally
        {
            await membership.LeaveAsync(room, member);
        }
    }

    private static async Task<Next> NextAsync(ChannelReader<RoomMessage> reader, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(wait);
        try
        {
            return await reader.WaitToReadAsync(quiet.Token) ? Next.Message : Next.Closed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Next.Quiet;
        }
    }

    private enum Next
    {
        Message,
        Quiet,
        Closed,
    }
}
