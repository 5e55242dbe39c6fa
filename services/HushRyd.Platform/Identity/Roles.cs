namespace HushRyd.Platform.Identity;

/// <summary>The roles a user can hold; every module decides what a principal may do from them.</summary>
public static class Roles
{
    public const string Passenger = "passenger";
    public const string Driver = "driver";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Passenger, Driver, Admin };
}
