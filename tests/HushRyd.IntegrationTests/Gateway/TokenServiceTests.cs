using HushRyd.Platform.Identity;
using System.Text;
using HushRyd.Gateway.Identity;
using HushRyd.Gateway.Users;
using HushRyd.Platform.State;
using HushRyd.Testing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NSubstitute;

namespace HushRyd.IntegrationTests.Gateway;

public class TokenServiceTests
{
    private static readonly User Passenger = new("usr_1", "+919812345678", [Roles.Passenger], DateTimeOffset.UnixEpoch);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_token_it_issued_validates_with_the_users_claims()
    {
        var tokens = await CreateAsync(Key("k1", 1));

        var issued = tokens.Issue(Passenger);

        var caller = await tokens.ValidateAsync(issued.AccessToken);

        Assert.Equal((HushRydClaims.KindUser, "usr_1", RateLimitTier.Authenticated, issued.TokenId), (caller!.Kind, caller.Id, caller.Tier, caller.TokenId));
        Assert.Equal([Roles.Passenger], caller.Roles);
        Assert.Equal("k1", new JsonWebToken(tokens.Issue(Passenger).AccessToken).Kid);
    }

    [Fact]
    public async Task Users_with_the_same_roles_share_one_role_list_and_each_keeps_its_own_rate_limit_principal()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var other = Passenger with { Id = "usr_2", Phone = "+919812345679" };

        var first = await tokens.ValidateAsync(tokens.Issue(Passenger).AccessToken);
        var second = await tokens.ValidateAsync(tokens.Issue(other).AccessToken);

        Assert.Same(first!.Roles, second!.Roles);
        Assert.Equal(("user:usr_1", "user:usr_2"), (first.RateLimitPrincipal, second.RateLimitPrincipal));
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var token = tokens.Issue(Passenger).AccessToken;

        _time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.Null(await tokens.ValidateAsync(token));
    }

    [Fact]
    public async Task A_token_validated_a_moment_ago_is_still_rejected_once_it_expires()
    {
        var tokens = await CreateAsync(Key("k1", 1), new AuthOptions { CheckCacheDuration = TimeSpan.FromDays(1) });
        var token = tokens.Issue(Passenger).AccessToken;
        Assert.NotNull(await tokens.ValidateAsync(token));

        _time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.Null(await tokens.ValidateAsync(token));
    }

    [Fact]
    public async Task Each_principal_made_from_a_cached_validation_is_its_own()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var token = tokens.Issue(Passenger).AccessToken;

        var first = (await tokens.ValidateAsync(token))!.ToIdentity("test");
        first.AddClaim(new System.Security.Claims.Claim("added-by-a-caller", "x"));
        Assert.True(tokens.TryGetValidated(token.AsSpan(), out var cached));
        var second = cached.ToIdentity("test");

        Assert.NotSame(first, second);
        Assert.Null(second.FindFirst("added-by-a-caller"));
        Assert.Equal("usr_1", second.FindFirst(HushRydClaims.Subject)!.Value);
        Assert.Equal(nameof(RateLimitTier.Authenticated), second.FindFirst(HushRydClaims.Tier)!.Value);
        Assert.True(new System.Security.Claims.ClaimsPrincipal(second).IsInRole(Roles.Passenger));
    }

    [Fact]
    public async Task A_connection_that_repeats_a_token_gets_that_tokens_caller_and_no_other_token_does()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var connection = new ConnectionTokenMemo();
        var token = tokens.Issue(Passenger).AccessToken;
        var other = tokens.Issue(Passenger with { Id = "usr_2", Phone = "+919812345679" }).AccessToken;
        for (var request = 0; request < 3; request++)
        {
            Assert.Equal("usr_1", (await tokens.ValidateAsync(token, connection))!.Id);
        }

        var forged = string.Concat(token.AsSpan(0, token.Length - 10), token[^10] == 'A' ? "B" : "A", token.AsSpan(token.Length - 9));

        Assert.Null(await tokens.ValidateAsync(forged, connection));
        Assert.Null(await tokens.ValidateAsync(token.AsSpan(0, token.Length - 1), connection));
        Assert.Equal("usr_2", (await tokens.ValidateAsync(other, connection))!.Id);
        Assert.Equal("usr_1", (await tokens.ValidateAsync(token, connection))!.Id);
    }

    [Fact]
    public async Task A_token_its_connection_repeats_is_still_rejected_once_it_expires()
    {
        var tokens = await CreateAsync(Key("k1", 1), new AuthOptions { CheckCacheDuration = TimeSpan.FromDays(1) });
        var connection = new ConnectionTokenMemo();
        var token = tokens.Issue(Passenger).AccessToken;
        for (var request = 0; request < 3; request++)
        {
            Assert.NotNull(await tokens.ValidateAsync(token, connection));
        }

        _time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.Null(await tokens.ValidateAsync(token, connection));
    }

    [Fact]
    public async Task A_user_with_the_premium_role_is_counted_at_the_premium_tier()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var premium = Passenger with { Roles = [Roles.Passenger, Caller.PremiumRole] };

        var caller = await tokens.ValidateAsync(tokens.Issue(premium).AccessToken);

        Assert.Equal(RateLimitTier.Premium, caller!.Tier);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var ours = await CreateAsync(Key("k1", 1));
        var theirs = await CreateAsync(Key("k1", 2));

        Assert.Null(await ours.ValidateAsync(theirs.Issue(Passenger).AccessToken));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_rejected()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var claims = new JsonWebToken(tokens.Issue(Passenger).AccessToken);
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = claims.EncodedPayload;

        Assert.Null(await tokens.ValidateAsync($"{header}.{payload}."));
    }

    [Fact]
    public async Task A_tampered_payload_is_rejected()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var parts = tokens.Issue(Passenger).AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(Roles.Passenger, Roles.Admin, StringComparison.Ordinal);

        Assert.Null(await tokens.ValidateAsync($"{parts[0]}.{Base64Url(payload)}.{parts[2]}"));
    }

    [Fact]
    public async Task A_token_for_another_audience_or_issuer_is_rejected()
    {
        var tokens = await CreateAsync(Key("k1", 1));
        var foreign = await CreateAsync(Key("k1", 1), new AuthOptions { Issuer = "someone-else", Audience = "other-api" });

        Assert.Null(await tokens.ValidateAsync(foreign.Issue(Passenger).AccessToken));
    }

    [Fact]
    public async Task Tokens_signed_with_a_retiring_key_still_validate_while_it_is_in_the_ring()
    {
        var old = await CreateAsync(Key("k-old", 1));
        var rotated = await CreateAsync(Key("k-new", 2), ringAlso: Key("k-old", 1));

        Assert.NotNull(await rotated.ValidateAsync(old.Issue(Passenger).AccessToken));
        Assert.Equal("k-new", new JsonWebToken(rotated.Issue(Passenger).AccessToken).Kid);
    }

    private async Task<TokenService> CreateAsync(SigningKeySetting key, AuthOptions? options = null, SigningKeySetting? ringAlso = null)
    {
        options ??= new AuthOptions();
        options.SigningKeys = ringAlso is null ? [key] : [key, ringAlso];
        var ring = new SigningKeyRing(Options.Create(options), Substitute.For<IStateStore>(), _time);
        await ring.StartAsync(CancellationToken.None);
        return new TokenService(ring, Options.Create(options), _time);
    }

    private static SigningKeySetting Key(string id, byte fill) => new() { Id = id, Key = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) };

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));

}
