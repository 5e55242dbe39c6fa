using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HushRyd.Runtime.Embedded.Events;

namespace HushRyd.UnitTests;

public class RetryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Property]
    public Property Delay_stays_between_half_and_all_of_the_capped_exponential_ceiling(PositiveInt attempts, NormalFloat jitterSeed)
    {
        var jitter = Math.Abs(jitterSeed.Get) % 1.0;
        var ceiling = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempts.Get - 1, 30)), Max.TotalMilliseconds);
        var delay = RetryBackoff.Delay(attempts.Get, Initial, Max, jitter).TotalMilliseconds;
        return (delay >= (ceiling / 2) - 0.001 && delay <= ceiling + 0.001).ToProperty();
    }

    [Fact]
    public void Delay_never_exceeds_the_maximum_however_many_attempts_failed()
    {
        var delay = RetryBackoff.Delay(int.MaxValue, Initial, Max, 0.999999999);

        Assert.InRange(delay, Max / 2, Max);
    }

    [Fact]
    public void First_retry_waits_about_the_initial_backoff()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), RetryBackoff.Delay(1, Initial, Max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), RetryBackoff.Delay(1, Initial, Max, 1));
    }

    [Fact]
    public void Zero_attempts_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(0, Initial, Max, 0));
    }
}
