using System.Globalization;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// A session as one Redis string, <c>token|role|expiresAt</c>: the seed's three fields without the hash around them.
/// Embedded Garnet keeps a string in its log, bounded by Redis:EmbeddedMemory, where a hash is a dictionary of byte
/// arrays on the managed heap (about half a kilobyte per signed-in user); Redis keeps either compactly.
/// </summary>
public static class SessionValue
{
    private const char Separator = '|';

    public static string Format(SessionStore.Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return string.Create(CultureInfo.InvariantCulture, $"{session.Token}{Separator}{session.Role}{Separator}{session.ExpiresAt}");
    }

    /// <summary>The token id a stored value names; a value this build did not write names none.</summary>
    public static string? TokenOf(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var end = value.IndexOf(Separator, StringComparison.Ordinal);
        return end > 0 ? value[..end] : null;
    }
}
