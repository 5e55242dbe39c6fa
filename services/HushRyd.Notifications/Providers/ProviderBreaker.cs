using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HushRyd.Notifications.Providers;

/// <summary>One provider behind its own circuit breaker and timeout, so one failing provider never opens another's circuit.</summary>
public sealed class ProviderBreaker
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;

    public ProviderBreaker(string provider, ProviderBreakerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = provider;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Every sampled call failed, at least Threshold of them: the seed's "threshold" consecutive failures.
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.Threshold),
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.ResetTimeout,
                StateProvider = _state,
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.Timeout })
            .Build();
    }

    public string Provider { get; }

    public CircuitState State => _state.CircuitState;

    /// <exception cref="BrokenCircuitException">The circuit is open; the provider was not called.</exception>
    /// <exception cref="TimeoutRejectedException">The provider did not answer within the timeout.</exception>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> send, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(send, cancellationToken);
}
