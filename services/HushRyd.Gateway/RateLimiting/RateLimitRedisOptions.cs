namespace HushRyd.Gateway.RateLimiting;

/// <summary>How the shared limiter treats Redis: the seed's breaker figures, with a timeout sized for a request path.</summary>
public sealed class RateLimitRedisOptions
{
    /// <summary>
    /// The seed's 5 s Redis timeout is for background work; here every API request waits on this call, and Redis
    /// answers in about a millisecond, so anything slower than this is treated as down and the local limiter answers.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Failures that open the circuit when no call succeeded within the last <see cref="SamplingDuration"/>: Polly 8
    /// breakers count a failure ratio over a window, not a run, so a short window stands in for "in a row".
    /// </summary>
    public int FailuresToBreak { get; set; } = 3;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
