namespace HushRyd.Gateway.Users;

public sealed record User(string Id, string Phone, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);
