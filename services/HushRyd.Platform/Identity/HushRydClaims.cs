namespace HushRyd.Platform.Identity;

/// <summary>Claim types of an authenticated principal, whether it came with a JWT or an API key.</summary>
public static class HushRydClaims
{
    public const string Subject = "sub";
    public const string Kind = "hushryd:kind";
    public const string Tier = "hushryd:tier";
    public const string Role = "role";
    public const string TokenId = "jti";
    public const string Phone = "phone";

    public const string KindUser = "user";
    public const string KindApiKey = "apiKey";
}
