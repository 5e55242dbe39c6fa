using HushRyd.Realtime.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HushRyd.Realtime.Lean;

/// <summary>
/// The hub's keep-alive on the lean path, once a second over its connections: a ping to each that has been sent nothing
/// for KeepAliveInterval, and the end of each whose client has said nothing for ClientTimeoutInterval (as SignalR does).
/// </summary>
internal sealed class LeanHubKeepAlive(ConnectionRegistry connections, IOptions<HubOptions> hubOptions, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keepAlive = hubOptions.Value.KeepAliveInterval ?? TimeSpan.FromSeconds(15);
        var clientTimeout = hubOptions.Value.ClientTimeoutInterval ?? TimeSpan.FromSeconds(30);
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var member in connections.Each())
                {
                    if (member is not LeanHubConnection connection)
                    {
                        continue;
                    }

                    if (connection.SinceReceived > clientTimeout)
                    {
                        connection.Drop();
                    }
                    else if (connection.SinceSent >= keepAlive)
                    {
                        connection.PingIfIdle();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
