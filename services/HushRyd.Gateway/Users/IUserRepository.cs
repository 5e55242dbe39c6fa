namespace HushRyd.Gateway.Users;

public interface IUserRepository
{
    Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user with this phone, created with <paramref name="roles"/> on first login; phones are unique.</summary>
    Task<User> GetOrCreateByPhoneAsync(string phone, IReadOnlyList<string> roles, CancellationToken cancellationToken);

    /// <returns>The updated user, or null when no user has this id.</returns>
    Task<User?> SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken);
}
