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

    public Task InvokeAsync(HttpContext context)
    {
        var bucket = RateLimitBuckets.For(context.Request.Path);
        if (bucket is null)
        {
            return next(context);
        }

        var client = RateLimitClient.Of(context);
        var acquiring = limiter.AcquireAsync(bucket, client.Principal, LimitFor(bucket, client), context.RequestAborted);

        // Leased permits are decided without waiting: then no state machine is needed for this request.
        return acquiring.IsCompletedSuccessfully ? Apply(context, bucket, client, acquiring.Result) : ApplyAsync(context, bucket, client, acquiring);
    }

    private async Task ApplyAsync(HttpContext context, string bucket, RateLimitClient client, Task<RateLimitDecision> acquiring) =>
        await Apply(context, bucket, client, await acquiring);

    private Task Apply(HttpContext context, string bucket, RateLimitClient client, RateLimitDecision decision)
    {
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = WholeSeconds(decision.ResetAfter, minimum: 0);
        if (decision.Allowed)
        {
            return next(context);
        }

        var retryAfter = WholeSeconds(decision.RetryAfter ?? decision.ResetAfter, minimum: 1);
        headers.RetryAfter = retryAfter;
        var what = bucket == RateLimitBuckets.Sos ? "SOS requests" : $"{client.Tier} tier requests";
        return TypedResults.Problem(
            title: "Too many requests",
            detail: $"The limit of {decision.Limit} {what} per {Describe(_options.Window)} is spent; retry after {retryAfter} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "https://www.rfc-editor.org/rfc/rfc6585#section-4").ExecuteAsync(context);
    }

    private int LimitFor(string bucket, RateLimitClient client) => bucket == RateLimitBuckets.Sos ? _options.Sos : _options.LimitFor(client.Tier);

    // Rounded up: a client that waits exactly this long finds room.
    private static string WholeSeconds(TimeSpan span, int minimum) =>
        Math.Max(minimum, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromMinutes(1) ? "minute" : $"{window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
}
