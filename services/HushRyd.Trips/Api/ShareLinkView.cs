namespace HushRyd.Trips.Api;

/// <summary>The answer to creating a share link; the token is shown this once and never stored.</summary>
public sealed record ShareLinkView(Uri Url, string Token, DateTimeOffset ExpiresAt);
