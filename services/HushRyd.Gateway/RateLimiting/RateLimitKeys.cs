using StackExchange.Redis;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// Where one bucket and principal's sliding log lives: a sorted set of entries and, beside it, the number of permits
/// they hold. The hash tag puts both in one Redis Cluster slot, as a script that touches both needs.
/// </summary>
public static class RateLimitKeys
{
    public static RedisKey Log(string bucket, string principal) => $"ratelimit:{{{bucket}:{principal}}}";

    public static RedisKey Count(string bucket, string principal) => $"ratelimit:{{{bucket}:{principal}}}:count";
}
