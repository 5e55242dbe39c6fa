namespace HushRyd.Trips.Storage;

/// <summary>BSON dates are UTC milliseconds; the records use <see cref="DateTimeOffset"/>.</summary>
internal static class MongoTimes
{
    public static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
