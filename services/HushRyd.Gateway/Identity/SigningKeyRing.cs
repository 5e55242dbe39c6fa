using System.Security.Cryptography;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.State;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// HS256 keys, each with a kid. Tokens are signed with the newest and validated against all, so a key can
/// be added before the old one is retired. Keys come from configuration (a secret store) or are generated
/// once and persisted: a restart never invalidates issued tokens.
/// </summary>
public sealed class SigningKeyRing(IOptions<AuthOptions> options, IStateStore state, TimeProvider time) : IStartupTask
{
    public const string StateKey = "auth:signing-keys";

    private List<SymmetricSecurityKey> _keys = [];

    public SymmetricSecurityKey Current => _keys.Count > 0 ? _keys[0] : throw new InvalidOperationException("Signing keys are used before start-up loaded them.");

    public IReadOnlyList<SymmetricSecurityKey> All => _keys;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SigningKeys;
        var stored = configured.Count > 0
            ? configured.Select(k => new StoredSigningKey(k.Id, k.Key, DateTimeOffset.MinValue)).ToList()
            : await LoadOrCreateAsync(cancellationToken);
        _keys = stored.OrderByDescending(k => k.CreatedAt).Select(ToSecurityKey).ToList();
    }

    private async Task<List<StoredSigningKey>> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var existing = await state.GetAsync<List<StoredSigningKey>>(StateKey, cancellationToken);
        if (existing is not null)
        {
            return existing.Value;
        }

        var generated = new List<StoredSigningKey> { new($"k{time.GetUtcNow():yyyyMMddHHmmss}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow()) };

        // First write wins, so instances starting together agree on one key.
        if (await state.TryAddAsync(StateKey, generated, cancellationToken: cancellationToken))
        {
            return generated;
        }

        return (await state.GetAsync<List<StoredSigningKey>>(StateKey, cancellationToken))?.Value
            ?? throw new StartupException("the JWT signing keys could neither be created nor read from the state store; check the state store, or set Auth:SigningKeys.");
    }

    private static SymmetricSecurityKey ToSecurityKey(StoredSigningKey key)
    {
        var bytes = Convert.FromBase64String(key.Key);
        if (bytes.Length < 32)
        {
            throw new StartupException($"JWT signing key '{key.Id}' is shorter than 256 bits; use 32 random bytes, base64-encoded.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = key.Id };
    }

    private sealed record StoredSigningKey(string Id, string Key, DateTimeOffset CreatedAt);
}
