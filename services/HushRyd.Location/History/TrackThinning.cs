namespace HushRyd.Location.History;

/// <summary>Keeps at most a given number of points of a trail, evenly spread, always with its first and last.</summary>
public static class TrackThinning
{
    public static IReadOnlyList<T> Thin<T>(IReadOnlyList<T> points, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (points.Count <= maxPoints)
        {
            return points;
        }

        var kept = new T[maxPoints];
        for (var i = 0; i < maxPoints; i++)
        {
            kept[i] = points[(int)Math.Round(i * (points.Count - 1) / (double)(maxPoints - 1))];
        }

        return kept;
    }
}
