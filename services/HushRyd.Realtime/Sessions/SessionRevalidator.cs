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
/// spent a burst of CPU every interval that held up the deliveries meanwhile by seconds.
/// </summary>
internal sealed partial class SessionRevalidator(
    ConnectionRegistry connections,
    IServiceScopeFactory scopes,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<SessionRevalidator> logger) : BackgroundService
{
    private const int Parallelism = 8;
    private const int Slices = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SessionRecheckInterval / Slices, time);
        var slice = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var due = slice;
            slice = (slice + 1) % Slices;
            await Parallel.ForEachAsync(
                connections.All.Where(member => SliceOf(member) == due).ToArray(),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                async (member, _) => await CheckAsync(member));
        }
    }

    private static int SliceOf(ConnectionMember member) => (int)((uint)StringComparer.Ordinal.GetHashCode(member.ConnectionId) % Slices);

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
                member.Drop();
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
