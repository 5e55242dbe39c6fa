using System.Net.Sockets;
using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Options;

namespace HushRyd.Server.Hosting;

/// <summary>Recognises failures an operator fixes by changing configuration, to report them in one line.</summary>
public static class StartupFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        StartupException startup => startup.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        OptionsValidationException invalid => $"invalid configuration: {string.Join(" ", invalid.Failures)}",
        IOException when SocketError(exception) is { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
            => $"cannot listen: {exception.Message}; choose a free port with --urls.",
        IOException when SocketError(exception) is { } socket
            => $"cannot listen: {socket.Message}; check the addresses given with --urls.",
        _ => null,
    };

    private static SocketException? SocketError(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
