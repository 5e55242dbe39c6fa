namespace HushRyd.Runtime.Embedded.Workflows.Storage;

internal static class UtcTicks
{
    public static DateTime ToUtc(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>Ticks of a UTC instant; a time of unspecified kind is taken as UTC, as DurableTask.Core writes them.</summary>
    public static long Of(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;
}
