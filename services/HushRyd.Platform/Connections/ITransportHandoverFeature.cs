using Microsoft.AspNetCore.Connections;

namespace HushRyd.Platform.Connections;

/// <summary>
/// Lets a request that upgraded its HTTP/1.1 connection keep the connection's transport once the request itself has
/// ended, so a long-lived socket does not hold Kestrel's HTTP state (the request, its headers, the middleware's frames)
/// for as long as it lasts. Present on connections that <see cref="TransportHandoverExtensions.UseTransportHandover"/>
/// serves; absent elsewhere (the test server, a TLS endpoint), where the request simply stays open.
/// </summary>
public interface ITransportHandoverFeature
{
    /// <summary>True while no request has taken the transport and nothing (such as TLS) sits between it and HTTP.</summary>
    bool CanTakeOver { get; }

    /// <summary>True once a request has taken the transport.</summary>
    bool IsTakenOver { get; }

    /// <summary>
    /// Takes the transport: from now on HTTP reads an ended stream and writes nowhere, and when the current request has
    /// ended, <paramref name="run"/> gets the connection, which ends when the returned task completes. Only for an
    /// HTTP/1.1 request whose upgrade response has been flushed: nothing of HTTP may be left to read or write.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="CanTakeOver"/> is false.</exception>
    void TakeOver(Func<ConnectionContext, Task> run);

    /// <summary>Calls <paramref name="callback"/> once the taken-over connection has ended.</summary>
    /// <exception cref="InvalidOperationException">The transport has not been taken.</exception>
    void OnReleased(Action callback);
}
