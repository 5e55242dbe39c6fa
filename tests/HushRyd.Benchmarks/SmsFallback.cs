using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>SMS jobs sent with the primary failing half the time: the rate and who sent them.</summary>
internal sealed record SmsFallback(int Jobs, double PerSecond, int Twilio, int Msg91, long Failed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Jobs:N0} jobs at {PerSecond:N0}/s, twilio {Twilio:N0}, msg91 {Msg91:N0}, failed {Failed:N0}");
}
