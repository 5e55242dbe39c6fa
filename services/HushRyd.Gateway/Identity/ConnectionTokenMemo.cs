using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// The token one HTTP/1.1 connection presented last, and its caller. An app sends the same token on every request of its
/// keep-alive connection: comparing the token with the one remembered costs a fortieth of fingerprinting it for the
/// instance-wide cache (SHA-256, about 0.7 µs). A token is remembered only once it comes twice in a row, so a connection
/// that carries many principals, such as a proxy's, copies no tokens.
/// </summary>
public sealed class ConnectionTokenMemo
{
    // Written without a lock: a torn value can only make a token be remembered early, and what is remembered is the
    // whole token, compared in full, with the caller it was validated as.
    private UInt128 _lastFingerprint;
    private volatile Remembered? _remembered;

    /// <summary>
    /// The memo of the request's connection; null for HTTP/2 and HTTP/3, whose requests run concurrently, for upgrades,
    /// whose sockets would keep it for their whole life, and where the server keeps no connection items.
    /// </summary>
    public static ConnectionTokenMemo? For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpProtocol.IsHttp11(request.Protocol) || request.Headers.Upgrade.Count > 0
            || context.Features.Get<IConnectionItemsFeature>()?.Items is not { } items)
        {
            return null;
        }

        if (items.TryGetValue(typeof(ConnectionTokenMemo), out var found) && found is ConnectionTokenMemo memo)
        {
            return memo;
        }

        memo = new ConnectionTokenMemo();
        items[typeof(ConnectionTokenMemo)] = memo;
        return memo;
    }

    internal bool TryRecall(ReadOnlySpan<char> token, long nowMs, out Caller caller)
    {
        if (_remembered is { } remembered && remembered.UntilMs > nowMs && token.SequenceEqual(remembered.Token))
        {
            caller = remembered.Caller;
            return true;
        }

        caller = null!;
        return false;
    }

    internal void Offer(UInt128 fingerprint, ReadOnlySpan<char> token, Caller caller, long untilMs)
    {
        if (fingerprint == _lastFingerprint)
        {
            _remembered = new Remembered(token.ToString(), caller, untilMs);
        }

        _lastFingerprint = fingerprint;
    }

    private sealed record Remembered(string Token, Caller Caller, long UntilMs);
}
