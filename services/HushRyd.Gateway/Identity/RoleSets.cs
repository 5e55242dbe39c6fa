using System.Collections.Concurrent;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// One list per distinct set of roles, shared by every caller holding it: lakhs of remembered users have a handful of
/// role sets between them, so each user's entry need not carry its own array and strings. Bounded: past
/// <see cref="Capacity"/> sets, a caller keeps its own list.
/// </summary>
internal static class RoleSets
{
    public const int Capacity = 64;

    private static readonly ConcurrentDictionary<string, string[]> Known = new(StringComparer.Ordinal);

    public static string[] Shared(string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var key = string.Join(',', roles);
        if (Known.TryGetValue(key, out var shared))
        {
            return shared;
        }

        return Known.Count < Capacity ? Known.GetOrAdd(key, roles) : roles;
    }
}
