using HushRyd.Gateway.RateLimiting;

namespace HushRyd.UnitTests;

public sealed class RateLimitBucketsTests
{
    [Theory]
    [InlineData("/share/abc", RateLimitBuckets.Share)]
    [InlineData("/share/abc/status", RateLimitBuckets.Share)]
    [InlineData("/SHARE/abc", RateLimitBuckets.Share)]
    [InlineData("/api/v1/trips/t/share", RateLimitBuckets.General)]
    [InlineData("/shared", null)]
    public void Share_paths_draw_on_their_own_bucket(string path, string? bucket)
    {
        Assert.Equal(bucket, RateLimitBuckets.For(path));
    }
}
