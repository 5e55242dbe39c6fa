using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HushRyd.Notifications.Providers;

/// <summary>
/// One provider behind its own circuit breaker and timeout, so one failing provider never opens another's circuit.
/// Polly's consecutive-count breaker, as the seed's figures mean: open after <see cref="ProviderBreakerOptions.Threshold"/>
/// failures in a row (a success in between starts the count again), one probe after the reset timeout.
/// </summary>
public sealed class ProviderBreaker
{
    private readonly AsyncCircuitBreakerPolicy _breaker;
    private readonly Polly.Wrap.AsyncPolicyWrap _pipeline;

    public ProviderBreaker(string provider, ProviderBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = provider;
        _breaker = Policy.Handle<Exception>(ex => ex is not OperationCanceledException)
            .CircuitBreakerAsync(Math.Max(1, options.Threshold), options.ResetTimeout);

        // A provider that does not answer counts as a failure: the timeout sits inside the breaker.
        _pipeline = _breaker.WrapAsync(Policy.TimeoutAsync(options.Timeout, TimeoutStrategy.Optimistic));
    }

    public string Provider { get; }

    public CircuitState State => _breaker.CircuitState;

    /// <exception cref="BrokenCircuitException">The circuit is open; the provider was not called.</exception>
    /// <exception cref="TimeoutRejectedException">The provider did not answer within the timeout.</exception>
    public Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(send, cancellationToken);
}
