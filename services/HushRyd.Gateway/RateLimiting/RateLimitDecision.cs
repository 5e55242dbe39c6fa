namespace HushRyd.Gateway.RateLimiting;

/// <param name="ResetAfter">Until the oldest counted request leaves the window, so <see cref="Remaining"/> grows again.</param>
/// <param name="RetryAfter">Set only when refused: until enough requests leave the window for the next one to pass.</param>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter, TimeSpan? RetryAfter);
