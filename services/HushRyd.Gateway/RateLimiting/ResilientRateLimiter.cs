using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// The limiter requests go through: the shared Redis budget behind a circuit breaker, and this instance's own
/// budget whenever Redis fails or the circuit is open. An unreachable Redis must never turn into refused or slow
/// requests, least of all for SOS.
/// </summary>
public sealed class ResilientRateLimiter : IRateLimiter
{
    private readonly RedisSlidingWindowRateLimiter _redis;
    private readonly LocalSlidingWindowRateLimiter _local;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly ResiliencePipeline _pipeline;

    public ResilientRateLimiter(
        RedisSlidingWindowRateLimiter redis,
        LocalSlidingWindowRateLimiter local,
        IOptions<RateLimitOptions> options,
        TimeProvider timeProvider,
        ILogger<ResilientRateLimiter> logger)
    {
        _redis = redis;
        _local = local;
        var settings = options.Value.Redis;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Polly 8 breakers count a failure ratio, not a run: a ratio of 1 with the seed's 3 as the minimum opens
                // after 3 failures once no success is left in the (short) sampling window.
                FailureRatio = 1.0,
                MinimumThroughput = settings.FailuresToBreak,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                StateProvider = _circuit,
                OnOpened = args =>
                {
                    logger.LogWarning(
                        args.Outcome.Exception,
                        "Redis rate limiting circuit opened for {BreakDuration}: each gateway instance now limits on its own",
                        args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    logger.LogInformation("Redis rate limiting circuit half-open: trying Redis again");
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("Redis rate limiting circuit closed: budgets are shared through Redis again");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    /// <summary>Closed while Redis answers; open or half-open while the local limiter stands in.</summary>
    public CircuitState RedisCircuit => _circuit.CircuitState;

    /// <summary>
    /// Runs another Redis call of the limiter (a lease) behind the same breaker and timeout, so its failures open the
    /// circuit too. Throws when it fails or the circuit is open: the caller then asks <see cref="AcquireAsync"/>.
    /// </summary>
    internal ValueTask<T> OnRedisAsync<T, TState>(Func<TState, CancellationToken, Task<T>> call, TState state, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(
            static (s, token) => new ValueTask<T>(s.Call(s.State, token)),
            (Call: call, State: state),
            cancellationToken);

    public async Task<RateLimitDecision> AcquireAsync(string bucket, string principal, int limit, CancellationToken cancellationToken)
    {
        SlidingWindow.ThrowIfInvalid(bucket, principal, limit);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<RateLimitDecision>(state.Redis.AcquireAsync(state.Bucket, state.Principal, state.Limit, token)),
                (Redis: _redis, Bucket: bucket, Principal: principal, Limit: limit),
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Failures and the open circuit are logged by the breaker once per state change, not here per request.
            return await _local.AcquireAsync(bucket, principal, limit, cancellationToken);
        }
    }
}
