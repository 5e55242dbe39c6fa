namespace HushRyd.Gateway.RateLimiting;

public interface IRateLimiter
{
    /// <summary>Counts one request of <paramref name="principal"/> against its budget in <paramref name="bucket"/>, if the budget allows it.</summary>
    /// <param name="bucket">"general" or "sos"; buckets never share a budget.</param>
    /// <param name="principal">"user:{sub}", "apikey:{sub}" or "ip:{address}".</param>
    Task<RateLimitDecision> AcquireAsync(string bucket, string principal, int limit, CancellationToken cancellationToken);
}
