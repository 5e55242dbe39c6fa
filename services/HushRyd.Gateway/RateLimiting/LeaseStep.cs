namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// What a request does next with its principal's lease (<see cref="PrincipalLease.Next"/>): take its permit, wait for
/// the lease another request is fetching, or fetch one (<see cref="Owned"/>, <see cref="Permits"/> of them). With both
/// <see cref="Taken"/> and <see cref="Owned"/>, it has its permit and fetches the next lease without waiting for it.
/// </summary>
internal readonly record struct LeaseStep(RateLimitDecision? Taken, Task? WaitFor, TaskCompletionSource? Owned, int Permits)
{
    /// <summary>Neither a permit nor a lease to wait for or take: the exact limiter decides.</summary>
    public bool Exact => Taken is null && WaitFor is null && Owned is null;
}
