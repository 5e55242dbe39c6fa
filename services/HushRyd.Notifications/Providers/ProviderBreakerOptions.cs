namespace HushRyd.Notifications.Providers;

/// <summary>
/// The seed's circuit-breaker figures for one provider (Twilio and SendGrid: 10 failures, 10 s timeout, 120 s reset).
/// The breaker opens when <see cref="Threshold"/> calls in a row failed or timed out.
/// </summary>
public sealed class ProviderBreakerOptions
{
    public int Threshold { get; set; } = 10;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ResetTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
