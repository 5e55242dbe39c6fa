using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HushRyd.Trips.Sharing;

/// <summary>
/// The secret in a share link. Only its SHA-256 is stored, so a leaked state store (or a log of its keys)
/// cannot be turned back into working links.
/// </summary>
public static class ShareToken
{
    public const int RandomBytes = 32;

    /// <summary>Base64url of 32 bytes, without padding.</summary>
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Anything else cannot be a token we issued; refusing it early keeps junk out of the store's key space.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && Base64Url.IsValid(token, out var decoded) && decoded == RandomBytes;

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    public static string StateKey(string token) => "share:" + Hash(token);
}
