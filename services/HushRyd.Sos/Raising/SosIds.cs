namespace HushRyd.Sos.Raising;

public static class SosIds
{
    /// <summary>Time-ordered, so the newest alerts sort last by id as well as by time.</summary>
    public static string New() => "sos_" + Guid.CreateVersion7().ToString("N");
}
