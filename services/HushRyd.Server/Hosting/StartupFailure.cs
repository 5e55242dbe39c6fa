using System.Net.Sockets;
using HushRyd.Platform.Hosting;

namespace HushRyd.Server.Hosting;

/// <summary>Recognises failures an operator fixes by changing configuration, to report them in one line.</summary>
public static class StartupFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        StartupException startup => startup.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } }
            => $"cannot listen: {exception.Message}; choose a free port with --urls.",
        IOException { InnerException: SocketException socket }
            => $"cannot listen: {socket.Message}; check the addresses given with --urls.",
        _ => null,
    };
}
