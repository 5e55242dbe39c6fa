using HushRyd.Trips.Sharing;

namespace HushRyd.UnitTests.Trips;

public sealed class ShareTokenTests
{
    [Fact]
    public void Tokens_are_43_url_safe_characters_and_never_repeat()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => ShareToken.New()).ToArray();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.All(tokens, t => Assert.True(ShareToken.IsWellFormed(t)));
        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_hash_is_lower_case_hex_sha256_and_the_state_key_holds_only_the_hash()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ShareToken.Hash("abc"));
        var token = ShareToken.New();
        var key = ShareToken.StateKey(token);

        Assert.Equal($"share:{ShareToken.Hash(token)}", key);
        Assert.DoesNotContain(token, key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%2F")]
    public void Anything_but_43_base64url_characters_is_not_a_token(string candidate)
    {
        Assert.False(ShareToken.IsWellFormed(candidate));
    }
}
