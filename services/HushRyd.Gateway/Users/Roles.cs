namespace HushRyd.Gateway.Users;

public static class Roles
{
    public const string Passenger = "passenger";
    public const string Driver = "driver";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Passenger, Driver, Admin };
}
