using Microsoft.AspNetCore.SignalR;

namespace HushRyd.Realtime.Lean;

/// <summary>Error texts as SignalR words them: a hub error's message is the client's to see, other errors' only with detailed errors on.</summary>
internal static class HubErrors
{
    public static string Describe(string message, Exception exception, bool detailed) =>
        exception is HubException || detailed ? $"{message} {exception.GetType().Name}: {exception.Message}" : message;
}
