using HushRyd.Trips.Places;

namespace HushRyd.UnitTests.Trips;

public sealed class CitiesTests
{
    [Theory]
    [InlineData("bangalore", "Bengaluru")]
    [InlineData("  BENGALURU ", "Bengaluru")]
    [InlineData("Gurgaon", "Gurugram")]
    [InlineData("new   delhi", "Delhi")]
    [InlineData("navi mumbai", "Navi Mumbai")]
    [InlineData("shimla", "Shimla")]
    public void Spellings_of_a_city_search_the_same_trips(string given, string canonical) =>
        Assert.Equal(canonical, Cities.Canonical(given));

    [Theory]
    [InlineData("Mumbai", 19.07, 72.87, Region.West)]
    [InlineData("Calcutta", 22.57, 88.36, Region.East)]
    [InlineData("Shimla", 31.1048, 77.1734, Region.North)]
    [InlineData("Madurai", 9.9252, 78.1198, Region.South)]
    public void Every_trip_gets_the_region_of_its_city_or_of_the_nearest_known_city(string city, double lat, double lng, string region) =>
        Assert.Equal(region, Cities.RegionOf(city, lat, lng));

    [Fact]
    public void Every_known_city_belongs_to_a_shard_region()
    {
        Assert.All(Cities.Known, city => Assert.Contains(city.Region, Region.All));
    }
}
