namespace HushRyd.Gateway.Users;

public sealed record UserView(string Id, string Phone, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt)
{
    public static UserView From(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserView(user.Id, user.Phone, user.Roles, user.CreatedAt);
    }
}
