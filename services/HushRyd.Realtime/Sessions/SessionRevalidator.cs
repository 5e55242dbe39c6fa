using HushRyd.Platform.Identity;
using HushRyd.Realtime.Hubs;
using HushRyd.Realtime.Rooms;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Realtime.Sessions;

/// <summary>
/// Closes connections whose token or session is no longer good: once per interval each connection is authenticated again
/// by the process's own scheme (the gateway's, with its token and session caches), exactly as a new request would be.
/// The connections are checked a slice at a time, spread over the interval: all at once, a node with thousands of them
/// spent a burst of CPU every interval that held up the deliveries meanwhile by seconds. A slice comes at least four times a
/// second, so a long interval makes the slices smaller, not the bursts larger.
/// </summary>
internal sealed partial class SessionRevalidator(
    ConnectionRegistry connections,
    IServiceScopeFactory scopes,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<SessionRevalidator> logger) : BackgroundService
{
    private const int Parallelism = 8;
    private const int MinimumSlices = 10;

    private const string Ended = "Unauthorized: the token or session of this connection has ended; sign in again.";

    private static readonly TimeSpan LongestSlice = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SessionRecheckInterval;
        var slices = Math.Max(MinimumSlices, (int)(interval / LongestSlice));
        using var timer = new PeriodicTimer(interval / slices, time);
        var slice = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var due = slice;
            slice = (slice + 1) % slices;
            await Parallel.ForEachAsync(
                connections.All.Where(member => SliceOf(member, slices) == due).ToArray(),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                async (member, _) => await CheckAsync(member));
        }
    }

    private static int SliceOf(ConnectionMember member, int slices) => (int)((uint)StringComparer.Ordinal.GetHashCode(member.ConnectionId) % (uint)slices);

    private async Task CheckAsync(ConnectionMember member)
    {
        if (member.Dropped)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var request = member.Credentials.ToRequest(scope.ServiceProvider, RealtimeHub.Path);
            var result = await request.AuthenticateAsync();
            if (!result.Succeeded || result.Principal.UserId() != member.UserId)
            {
                LogClosed(logger, member.ConnectionId, member.UserId);
                member.Drop(reason: Ended);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Not knowing is not a revocation: the next round asks again.
            LogUnchecked(logger, ex, member.ConnectionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed realtime connection {ConnectionId} of user {UserId}: its token or session ended")]
    private static partial void LogClosed(ILogger logger, string connectionId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not recheck realtime connection {ConnectionId}")]
    private static partial void LogUnchecked(ILogger logger, Exception exception, string connectionId);
}
