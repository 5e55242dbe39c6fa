namespace HushRyd.Gateway.Identity;

/// <summary>The seed's tiers: default (no token), authenticated, premium.</summary>
public enum RateLimitTier
{
    Default,
    Authenticated,
    Premium,
}
