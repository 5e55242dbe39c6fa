using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace HushRyd.Realtime.Lean;

/// <summary>The hub's methods as the protocols bind them: <c>JoinTrip</c> and <c>LeaveTrip</c>, one string each, names in any case as SignalR matches them.</summary>
internal sealed class HubInvocationBinder : IInvocationBinder
{
    public const string JoinTrip = "JoinTrip";
    public const string LeaveTrip = "LeaveTrip";

    public static HubInvocationBinder Instance { get; } = new();

    private static readonly Type[] OneString = [typeof(string)];

    public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
        Is(methodName, JoinTrip) || Is(methodName, LeaveTrip) ? OneString : throw new HubException("Method does not exist.");

    public Type GetReturnType(string invocationId) => typeof(object);

    public Type GetStreamItemType(string streamId) => throw new HubException("The hub takes no streams.");

    public static bool Is(string target, string method) => string.Equals(target, method, StringComparison.OrdinalIgnoreCase);
}
