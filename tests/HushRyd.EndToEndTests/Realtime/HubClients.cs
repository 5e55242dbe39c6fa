using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>Real SignalR .NET clients of /ws/hub, recording each event with the moment it arrived.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private HubClient(HubConnection connection, string name, bool messagePack)
    {
        Connection = connection;
        Name = name;
        foreach (var eventName in new[] { "location", "sos", "notification" })
        {
            if (messagePack)
            {
                connection.On<Dictionary<string, object?>>(eventName, data => Record(eventName, JsonSerializer.SerializeToElement(data)));
            }
            else
            {
                connection.On<JsonElement>(eventName, data => Record(eventName, data));
            }
        }

        connection.Closed += error =>
        {
            ClosedWith = error;
            ClosedAt.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public string Name { get; }

    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    public TaskCompletionSource ClosedAt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The error the connection closed with, if any (set before <see cref="ClosedAt"/> completes).</summary>
    public Exception? ClosedWith { get; private set; }

    /// <summary>WebSockets skip negotiation (the lean path) unless <paramref name="negotiate"/>; other transports always negotiate (SignalR's path).</summary>
    public static HubConnection Build(Uri server, string? token, HttpTransportType transport = HttpTransportType.WebSockets, bool messagePack = false, bool negotiate = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, "/ws/hub"), options =>
        {
            if (token is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }

            options.Transports = transport;
            options.SkipNegotiation = transport == HttpTransportType.WebSockets && !negotiate;
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        return builder.Build();
    }

    public static async Task<HubClient> ConnectAsync(
        Uri server, string token, string name, HttpTransportType transport = HttpTransportType.WebSockets, bool messagePack = false, bool negotiate = false)
    {
        var client = new HubClient(Build(server, token, transport, messagePack, negotiate), name, messagePack);
        await client.Connection.StartAsync();

        // SignalR answers the handshake before the hub's OnConnectedAsync joins the user's rooms, and runs invocations only
        // after it: the first invocation's answer means the rooms stand.
        await client.Connection.InvokeAsync("LeaveTrip", "none");
        return client;
    }

    private void Record(string eventName, JsonElement data) => Received.Enqueue(new ReceivedEvent(eventName, data, Stopwatch.GetTimestamp()));

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

internal sealed record ReceivedEvent(string Name, JsonElement Data, long Timestamp);
