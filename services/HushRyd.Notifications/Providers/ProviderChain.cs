using System.Diagnostics.Metrics;
using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace HushRyd.Notifications.Providers;

/// <summary>
/// Seed degradation table: the primary provider first; when it fails or its circuit is open, the fallback in the
/// same attempt. Each provider is asked with the job's id as idempotency key.
/// </summary>
public sealed class ProviderChain
{
    private readonly Dictionary<NotificationChannelKind, List<(INotificationChannel Channel, ProviderBreaker Breaker)>> _chains;
    private readonly NotificationMetrics _metrics;

    public ProviderChain(IEnumerable<INotificationChannel> channels, IOptions<ProviderOptions> options, NotificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        var byName = channels.ToDictionary(c => c.Provider, StringComparer.OrdinalIgnoreCase);
        _chains = Enum.GetValues<NotificationChannelKind>().ToDictionary(
            channel => channel,
            channel => ProviderNames.Routes
                .Where(route => route.Channel == channel && byName.ContainsKey(route.Provider))
                .Select(route => (byName[route.Provider], new ProviderBreaker(route.Provider, options.Value.For(route.Provider))))
                .ToList());
        Breakers = _chains.Values.SelectMany(chain => chain.Select(link => link.Breaker)).ToList();
        metrics.Meter.CreateObservableGauge(
            "hushryd.notifications.provider.circuit_open",
            () => Breakers.Select(breaker => new Measurement<int>(breaker.State == CircuitState.Closed ? 0 : 1, new KeyValuePair<string, object?>("provider", breaker.Provider))),
            description: "1 while the provider's circuit is open or half-open");
    }

    public IReadOnlyList<ProviderBreaker> Breakers { get; }

    public async Task<Delivery> DeliverAsync(OutgoingMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tries = new List<ProviderTry>();
        foreach (var (channel, breaker) in _chains[message.Channel])
        {
            try
            {
                var messageId = await breaker.ExecuteAsync(token => channel.SendAsync(message, idempotencyKey, token), cancellationToken);
                tries.Add(new ProviderTry(channel.Provider, ProviderOutcome.Sent, null));
                _metrics.Sent(channel.Provider, "sent");
                return new Delivery(tries, messageId);
            }
            catch (BrokenCircuitException)
            {
                tries.Add(new ProviderTry(channel.Provider, ProviderOutcome.CircuitOpen, "circuit open"));
                _metrics.Sent(channel.Provider, "circuit_open");
            }
#pragma warning disable CA1031 // Whatever a provider throws, the next provider gets the message.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                tries.Add(new ProviderTry(channel.Provider, ProviderOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}"));
                _metrics.Sent(channel.Provider, "failed");
            }
        }

        if (tries.Count == 0)
        {
            tries.Add(new ProviderTry("none", ProviderOutcome.Failed, $"no provider is configured for {message.Channel}"));
        }

        return new Delivery(tries, null);
    }
}
