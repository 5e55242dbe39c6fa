namespace HushRyd.Gateway.Users;

public static class UserId
{
    public static string New() => "usr_" + Guid.CreateVersion7().ToString("N");
}
