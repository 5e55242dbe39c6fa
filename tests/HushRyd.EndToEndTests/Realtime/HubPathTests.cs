using System.Globalization;
using System.Text.RegularExpressions;
using HushRyd.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>
/// /ws/hub has two paths (ADR 0008, "The lean path"): WebSockets without negotiation are served by the module's own
/// endpoint, everything else by SignalR. Which one a client gets is invisible to it: the same protocol errors in the same
/// words, the same completions.
/// </summary>
public sealed partial class HubPathTests(RealtimeCluster cluster) : IClassFixture<RealtimeCluster>
{
    [Fact]
    public async Task WebSockets_without_negotiation_take_the_lean_path_and_after_negotiation_stay_on_signalr()
    {
        var (_, token) = await cluster.SignInAsync("+919812348101");
        var before = await ConnectionsAsync(cluster.A);

        await using var skipping = await HubClient.ConnectAsync(cluster.A.BaseAddress, token, "skips negotiation");
        var withSkipping = await ConnectionsOnceAsync(cluster.A, before.All + 1);
        await using var negotiated = await HubClient.ConnectAsync(cluster.A.BaseAddress, token, "negotiates", negotiate: true);
        var withNegotiated = await ConnectionsOnceAsync(cluster.A, before.All + 2);

        Assert.Equal(before.Lean + 1, withSkipping.Lean);
        Assert.Equal(before.Lean + 1, withNegotiated.Lean);
    }

    [Theory]
    [InlineData("""{"protocol":"carrier-pigeon","version":1}""", "The protocol 'carrier-pigeon' is not supported.")]
    [InlineData("""{"protocol":"json","version":99}""", "The server does not support version 99 of the 'json' protocol.")]
    public async Task A_handshake_the_server_cannot_accept_is_answered_with_its_error_and_closed_on_both_paths(string handshake, string error)
    {
        var (_, token) = await cluster.SignInAsync("+919812348102");
        foreach (var negotiate in new[] { false, true })
        {
            await using var raw = await RawHubSocket.OpenAsync(cluster.B.BaseAddress, token, negotiate);
            await raw.SendAsync(handshake);

            var answer = await raw.ReadUntilAsync(_ => true);
            var (_, closedByServer) = await raw.DrainAsync(TimeSpan.FromSeconds(5));

            Assert.Equal($$"""{"error":"{{error}}"}""", answer);
            Assert.True(closedByServer, $"closed after the refused handshake (negotiate: {negotiate})");
        }
    }

    [Fact]
    public async Task A_handshake_that_is_not_json_is_refused_and_closed_on_both_paths()
    {
        var (_, token) = await cluster.SignInAsync("+919812348103");
        var answers = new List<string>();
        foreach (var negotiate in new[] { false, true })
        {
            await using var raw = await RawHubSocket.OpenAsync(cluster.B.BaseAddress, token, negotiate);
            await raw.SendAsync("hello");

            answers.Add(await raw.ReadUntilAsync(_ => true));
            var (_, closedByServer) = await raw.DrainAsync(TimeSpan.FromSeconds(5));

            Assert.True(closedByServer, $"closed after the refused handshake (negotiate: {negotiate})");
        }

        Assert.Equal(answers[1], answers[0]);
        Assert.StartsWith("""{"error":"An unexpected error occurred during connection handshake.""", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_methods_and_wrong_arguments_get_the_same_completion_errors_on_both_paths_and_the_connection_stays_open()
    {
        var (_, token) = await cluster.SignInAsync("+919812348104");
        await using var lean = await HubClient.ConnectAsync(cluster.B.BaseAddress, token, "lean");
        await using var signalR = await HubClient.ConnectAsync(cluster.B.BaseAddress, token, "SignalR", negotiate: true);

        var errors = new List<string>();
        foreach (var client in new[] { lean, signalR })
        {
            errors.Add((await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("LaunchRocket", "now"))).Message);
            errors.Add((await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("JoinTrip", "one", "two"))).Message);
            errors.Add((await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("joinTrip", "trp_unknown"))).Message);
            await client.Connection.InvokeAsync("LeaveTrip", "trp_unknown");
        }

        Assert.Equal(errors[..3], errors[3..]);
        Assert.Contains("Failed to invoke 'LaunchRocket'", errors[0], StringComparison.Ordinal);
        Assert.Contains("not found", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_session_closes_a_lean_connection_with_a_close_message_saying_why()
    {
        var (user, token) = await cluster.SignInAsync("+919812348105");
        await using var lean = await HubClient.ConnectAsync(cluster.B.BaseAddress, token, "lean");
        using (var logout = await user.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null))
        {
            Assert.True(logout.IsSuccessStatusCode);
        }

        var closed = await Task.WhenAny(lean.ClosedAt.Task, Task.Delay(TimeSpan.FromSeconds(5))) == lean.ClosedAt.Task;

        Assert.True(closed, "closed within 5 s of the logout");
        Assert.Contains("session", lean.ClosedWith?.Message ?? "", StringComparison.Ordinal);
    }

    /// <summary>The node's connections and those on the lean path, as its /metrics shows them (both from one scrape).</summary>
    private static async Task<(int All, int Lean)> ConnectionsAsync(ServerProcess node)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var page = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var all = AllGauge().Match(page);
        var lean = LeanGauge().Match(page);
        Assert.True(all.Success && lean.Success, "both connection gauges are on /metrics");
        return (int.Parse(all.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(lean.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The figures once the node counts <paramref name="all"/> connections (the exporter caches a scrape briefly).</summary>
    private static async Task<(int All, int Lean)> ConnectionsOnceAsync(ServerProcess node, int all)
    {
        var figures = await ConnectionsAsync(node);
        await Eventually.HoldsAsync(
            async () =>
            {
                figures = await ConnectionsAsync(node);
                return figures.All == all;
            },
            TimeSpan.FromSeconds(5));
        Assert.Equal(all, figures.All);
        return figures;
    }

    [GeneratedRegex(@"^hushryd_realtime_connections(?:\{[^}]*\})?\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex AllGauge();

    [GeneratedRegex(@"^hushryd_realtime_connections_lean(?:\{[^}]*\})?\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex LeanGauge();
}
