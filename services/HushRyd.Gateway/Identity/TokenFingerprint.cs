using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// A token's cache key: the first 128 bits of its SHA-256. Keeping the tokens themselves would cost a kilobyte per
/// signed-in user; a fingerprint is 16 bytes, and two tokens share one only by a 2^-64 chance even when forged for it.
/// </summary>
internal static class TokenFingerprint
{
    private const int StackLimit = 2048;

    public static UInt128 Of(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(token, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return MemoryMarshal.Read<UInt128>(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
