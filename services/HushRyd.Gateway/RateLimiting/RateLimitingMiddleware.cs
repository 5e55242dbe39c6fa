using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// Counts each API request against its principal's budget, tells the client where it stands in the IETF
/// RateLimit-* headers, and answers 429 with problem details, without reaching the endpoint, once it is spent.
/// </summary>
public sealed class RateLimitingMiddleware(RequestDelegate next, IRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    private readonly RateLimitOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var bucket = RateLimitBuckets.For(context.Request.Path);
        if (bucket is null)
        {
            await next(context);
            return;
        }

        var client = RateLimitClient.Of(context);
        var limit = bucket == RateLimitBuckets.Sos ? _options.Sos : _options.LimitFor(client.Tier);
        var decision = await limiter.AcquireAsync(bucket, client.Principal, limit, context.RequestAborted);

        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = WholeSeconds(decision.ResetAfter, minimum: 0);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        var retryAfter = WholeSeconds(decision.RetryAfter ?? decision.ResetAfter, minimum: 1);
        headers.RetryAfter = retryAfter;
        var what = bucket == RateLimitBuckets.Sos ? "SOS requests" : $"{client.Tier} tier requests";
        await TypedResults.Problem(
            title: "Too many requests",
            detail: $"The limit of {decision.Limit} {what} per {Describe(_options.Window)} is spent; retry after {retryAfter} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "https://www.rfc-editor.org/rfc/rfc6585#section-4").ExecuteAsync(context);
    }

    // Rounded up: a client that waits exactly this long finds room.
    private static string WholeSeconds(TimeSpan span, int minimum) =>
        Math.Max(minimum, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromMinutes(1) ? "minute" : $"{window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
}
