using System.Globalization;
using System.Security.Cryptography;
using HushRyd.Gateway.Identity;
using HushRyd.Gateway.Users;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>
/// Tens of thousands of signed-in users without as many OTP round trips: tokens issued by the gateway's own
/// <see cref="TokenService"/> with the signing key every server is configured with (Auth:SigningKeys), and each user's
/// session written as sign-in writes it into Redis (the <c>session:{userId}</c> hash). The state store's copy of the session
/// is left out: servers read it only when Redis has no entry.
/// </summary>
internal sealed class LoadPrincipals
{
    private readonly TokenService _tokens;
    private readonly TimeProvider _time = TimeProvider.System;

    private LoadPrincipals(SigningKeySetting key, TokenService tokens)
    {
        Key = key;
        _tokens = tokens;
    }

    public SigningKeySetting Key { get; }

    /// <summary>The settings that make a server accept these tokens.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["Auth__SigningKeys__0__Id"] = Key.Id,
        ["Auth__SigningKeys__0__Key"] = Key.Key,
    };

    public static async Task<LoadPrincipals> CreateAsync()
    {
        var key = new SigningKeySetting { Id = "load", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var options = Options.Create(new AuthOptions { SigningKeys = [key] });

        // Configured keys are never read from or written to the state store.
        var keys = new SigningKeyRing(options, null!, TimeProvider.System);
        await keys.StartAsync(CancellationToken.None);
        return new LoadPrincipals(key, new TokenService(keys, options, TimeProvider.System));
    }

    /// <summary>Signs in <paramref name="count"/> new users holding <paramref name="roles"/>; returns their tokens.</summary>
    public async Task<string[]> SignInAsync(IDatabase redis, string label, int count, params string[] roles)
    {
        var tokens = new string[count];
        var writes = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var user = new User(UserId.New(), string.Create(CultureInfo.InvariantCulture, $"+91{label}{i:D8}"), roles, _time.GetUtcNow());
            var issued = _tokens.Issue(user);
            tokens[i] = issued.AccessToken;
            var key = SessionStore.Key(user.Id);
            var session = new SessionStore.Session(issued.TokenId, string.Join(',', roles), issued.ExpiresAt.ToUnixTimeMilliseconds());
            writes.Add(redis.StringSetAsync(key, SessionValue.Format(session), issued.ExpiresAt - _time.GetUtcNow()));
            if (writes.Count >= 10_000)
            {
                await Task.WhenAll(writes);
                writes.Clear();
            }
        }

        await Task.WhenAll(writes);
        return tokens;
    }
}
