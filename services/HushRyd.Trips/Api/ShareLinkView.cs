namespace HushRyd.Trips.Api;

/// <summary>
/// The answer to creating a share link; the token is shown this once and never stored. The link also goes by SMS to
/// the sharer's trusted contacts: <paramref name="NotifiedContacts"/> of them were queued.
/// </summary>
public sealed record ShareLinkView(Uri Url, string Token, DateTimeOffset ExpiresAt, int NotifiedContacts);
