using HushRyd.Server.Hosting;

namespace HushRyd.UnitTests.Realtime;

public class UpgradeLimitTests
{
    private const string Limits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             unlimited            unlimited            processes
        Max open files            20000                20000                files
        Max locked memory         8388608              8388608              bytes
        """;

    [Fact]
    public void The_upgrade_cap_is_the_soft_open_file_limit_less_a_tenth_of_it()
    {
        Assert.Equal(18_000, UpgradeLimit.FromLimitsText(Limits));
    }

    [Fact]
    public void A_small_limit_keeps_at_least_the_minimum_headroom_and_an_unlimited_one_sets_no_cap()
    {
        Assert.Equal(1024 - UpgradeLimit.MinimumHeadroom, UpgradeLimit.FromLimitsText(Limits.Replace("20000                20000", "1024                 4096", StringComparison.Ordinal)));
        Assert.Null(UpgradeLimit.FromLimitsText(Limits.Replace("20000                20000", "unlimited            unlimited", StringComparison.Ordinal)));
        Assert.Null(UpgradeLimit.FromLimitsText("nothing about files"));
    }
}
