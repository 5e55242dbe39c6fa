using HushRyd.Trips.Api;
using HushRyd.Trips.Trips;

namespace HushRyd.UnitTests.Trips;

public sealed class PageTokensTests
{
    [Fact]
    public void A_cursor_token_reads_back_as_the_same_cursor()
    {
        var cursor = new TripCursor(DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123), "trp_0193");

        Assert.True(PageTokens.TryReadCursor(PageTokens.From(cursor), out var read));
        Assert.Equal(cursor, read);
    }

    [Fact]
    public void An_offset_token_reads_back_as_the_same_offset()
    {
        Assert.True(PageTokens.TryReadOffset(PageTokens.FromOffset(40), out var offset));
        Assert.Equal(40, offset);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("bzo0MA")]
    [InlineData("dDphYmM6dHJw")]
    public void Tampered_or_foreign_tokens_are_refused(string token) =>
        Assert.False(PageTokens.TryReadCursor(token, out _));

    [Fact]
    public void A_cursor_token_is_not_accepted_as_an_offset() =>
        Assert.False(PageTokens.TryReadOffset(PageTokens.From(new TripCursor(DateTimeOffset.UnixEpoch, "trp_1")), out _));
}
