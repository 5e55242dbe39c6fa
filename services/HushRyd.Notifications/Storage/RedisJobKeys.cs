using HushRyd.Platform.Notifications;
using StackExchange.Redis;

namespace HushRyd.Notifications.Storage;

/// <summary>
/// One queue's keys, all under one hash tag, so every script touches a single Redis Cluster slot:
/// <c>{hushryd:jobs:sms}:wait</c>, <c>:delayed</c>, <c>:active</c>, <c>:completed</c>, <c>:failed</c>, <c>:counts</c>,
/// <c>:seq</c>, <c>:job:&lt;id&gt;</c> and <c>:dedupe:&lt;key&gt;</c>.
/// </summary>
public sealed class RedisJobKeys
{
    public const string WakeChannel = "hushryd:jobs:added";

    public RedisJobKeys(NotificationChannelKind queue)
    {
        Queue = queue;
        Prefix = $"{{hushryd:jobs:{JobStatusNames.Of(queue)}}}";
    }

    public NotificationChannelKind Queue { get; }

    public string Prefix { get; }

    public RedisKey Wait => Prefix + ":wait";

    public RedisKey Delayed => Prefix + ":delayed";

    public RedisKey Active => Prefix + ":active";

    public RedisKey Completed => Prefix + ":completed";

    public RedisKey Failed => Prefix + ":failed";

    public RedisKey Counts => Prefix + ":counts";

    public RedisKey Sequence => Prefix + ":seq";

    public RedisKey Job(string id) => Prefix + ":job:" + id;
}
