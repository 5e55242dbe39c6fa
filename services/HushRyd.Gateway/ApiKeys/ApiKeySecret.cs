using System.Security.Cryptography;
using System.Text;

namespace HushRyd.Gateway.ApiKeys;

/// <summary>Secrets look like <c>hr_{keyId}_{random}</c>: the key id locates the record, the random part proves possession.</summary>
public static class ApiKeySecret
{
    private const string Prefix = "hr_";

    public static string NewKeyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string New(string keyId) => $"{Prefix}{keyId}_{Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";

    public static string? KeyIdOf(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = secret.IndexOf('_', Prefix.Length);
        return end > Prefix.Length ? secret[Prefix.Length..end] : null;
    }

    /// <summary>SHA-256 is enough: the secret carries 256 random bits, so there is nothing to brute-force.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Hash(secret)), Convert.FromHexString(hash));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
