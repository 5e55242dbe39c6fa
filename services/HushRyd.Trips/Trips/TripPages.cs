namespace HushRyd.Trips.Trips;

public static class TripPages
{
    /// <summary>Builds a page from a query that fetched one row more than the limit, which tells whether another page exists.</summary>
    public static TripPage From(IReadOnlyList<Trip> rows, int limit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count <= limit)
        {
            return new TripPage(rows, null);
        }

        var items = rows.Take(limit).ToArray();
        return new TripPage(items, new TripCursor(items[^1].DepartureTime, items[^1].Id));
    }
}
