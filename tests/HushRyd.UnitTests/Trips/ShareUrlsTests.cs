using HushRyd.Trips.Api;
using HushRyd.Trips.Sharing;
using Microsoft.AspNetCore.Http;

namespace HushRyd.UnitTests.Trips;

public sealed class ShareUrlsTests
{
    private static HttpRequest Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:8080");
        return context.Request;
    }

    [Fact]
    public void Without_a_public_base_url_the_link_is_built_from_the_request()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/share/tok"), ShareUrls.For(Request(), new ShareOptions(), "tok"));
    }

    [Theory]
    [InlineData("https://hushryd.in", "https://hushryd.in/share/tok")]
    [InlineData("https://hushryd.in/", "https://hushryd.in/share/tok")]
    [InlineData("https://example.in/track/", "https://example.in/track/share/tok")]
    public void A_public_base_url_wins_over_the_request(string baseUrl, string expected)
    {
        Assert.Equal(new Uri(expected), ShareUrls.For(Request(), new ShareOptions { PublicBaseUrl = baseUrl }, "tok"));
    }
}
