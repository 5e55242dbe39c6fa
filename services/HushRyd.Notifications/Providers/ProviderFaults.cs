using System.Collections.Concurrent;

namespace HushRyd.Notifications.Providers;

/// <summary>
/// Fail injection for the dev outbox: per provider, the share of sends that fail (0 none, 1 all), spread evenly and
/// deterministically (a share of 0.5 fails every second send), so fallback and breakers can be shown for real.
/// </summary>
public sealed class ProviderFaults
{
    private readonly ConcurrentDictionary<string, Plan> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long every dev-outbox send takes, to show provider timeouts and keep jobs in flight for crash tests.</summary>
    public TimeSpan Latency { get; set; }

    public void Set(string provider, double failShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failShare, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(failShare, 1);
        _plans[provider] = new Plan(failShare);
    }

    public double ShareOf(string provider) => _plans.TryGetValue(provider, out var plan) ? plan.Share : 0;

    public IReadOnlyDictionary<string, double> All => _plans.ToDictionary(p => p.Key, p => p.Value.Share, StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts a send of <paramref name="provider"/> and fails it when it is one of the share told to fail.</summary>
    /// <exception cref="ProviderUnavailableException">This send is one that fails.</exception>
    public void ThrowIfThisSendFails(string provider)
    {
        if (_plans.TryGetValue(provider, out var plan) && plan.NextFails())
        {
            throw new ProviderUnavailableException($"{provider} is told to fail (fail injection, share {plan.Share:0.##})");
        }
    }

    private sealed class Plan(double share)
    {
        private long _sends;

        public double Share => share;

        public bool NextFails()
        {
            var n = Interlocked.Increment(ref _sends) - 1;
            return Math.Floor((n + 1) * share) > Math.Floor(n * share);
        }
    }
}
