using HushRyd.Platform.Trips;
using HushRyd.Trips.Places;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Trips;

namespace HushRyd.UnitTests.Trips;

public sealed class SharePageTests
{
    private static Trip TripFrom(string city) => new(
        "trp_1",
        "usr_d",
        new Place(city, 12.97, 77.59, "12 Hidden Lane"),
        new Place("Mysuru", 12.29, 76.63, null),
        new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero),
        3,
        3,
        450m,
        TripStatus.Started,
        "in-south",
        DateTimeOffset.UnixEpoch,
        Vehicle: new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White"));

    [Fact]
    public void The_live_page_carries_the_trip_in_words_with_departure_in_IST_and_no_street_address()
    {
        var html = SharePage.Live(TripFrom("Bengaluru"), "n0nce");

        Assert.Contains("<span id=\"status\" data-status=\"started\" role=\"status\">On the way</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"source\">Bengaluru</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"destination\">Mysuru</span>", html, StringComparison.Ordinal);
        Assert.Contains("datetime=\"2026-03-01T06:00:00.0000000Z\">Sun 1 Mar 2026, 11:30 AM IST</time>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Lane", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_script_and_style_element_carries_the_nonce_and_nothing_is_loaded_from_elsewhere()
    {
        foreach (var html in new[] { SharePage.Live(TripFrom("Bengaluru"), "n0nce"), SharePage.Gone("n0nce") })
        {
            Assert.Equal(Count(html, "<script"), Count(html, "<script nonce=\"n0nce\">"));
            Assert.Equal(Count(html, "<style"), Count(html, "<style nonce=\"n0nce\">"));
            Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_live_page_names_the_car_for_whoever_follows_the_trip_and_says_when_the_driver_gave_none()
    {
        Assert.Contains("<dd id=\"vehicle\">KA 01 AB 1234, White Maruti Suzuki Swift</dd>", SharePage.Live(TripFrom("Bengaluru"), "n0nce"), StringComparison.Ordinal);
        Assert.Contains("<dd id=\"vehicle\">Not given by the driver</dd>", SharePage.Live(TripFrom("Bengaluru") with { Vehicle = null }, "n0nce"), StringComparison.Ordinal);
    }

    [Fact]
    public void City_names_are_html_encoded()
    {
        var html = SharePage.Live(TripFrom("<img src=x onerror=alert(1)>"), "n0nce");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
