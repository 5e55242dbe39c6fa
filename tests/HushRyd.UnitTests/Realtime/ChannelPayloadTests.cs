using System.Text;
using HushRyd.Realtime.FanOut;

namespace HushRyd.UnitTests.Realtime;

public class ChannelPayloadTests
{
    [Fact]
    public void A_bare_position_on_a_trip_channel_is_a_location_event_with_the_publishers_names_and_numbers()
    {
        var read = ChannelPayload.Read("trip:trp_1", Utf8("""{"tripId":"trp_1","lat":12.5,"lng":77,"speed":null,"timestamp":1764000000000}"""));

        var (name, data) = Assert.NotNull(read);
        var fields = Assert.IsType<Dictionary<string, object?>>(ChannelPayload.Plain(data));
        Assert.Equal("location", name);
        Assert.Equal(12.5, Assert.IsType<double>(fields["lat"]));
        Assert.Equal(77L, Assert.IsType<long>(fields["lng"]));
        Assert.Null(fields["speed"]);
        Assert.Equal(1_764_000_000_000L, Assert.IsType<long>(fields["timestamp"]));
    }

    [Theory]
    [InlineData("sos:alerts", "sos")]
    [InlineData("user:usr_1", "notification")]
    public void A_bare_message_on_the_other_channels_is_their_default_event(string channel, string expected)
    {
        Assert.Equal(expected, ChannelPayload.Read(channel, Utf8("""{"alertId":"sos_1"}"""))?.Event);
    }

    [Fact]
    public void An_envelope_names_its_own_event_and_carries_nested_data()
    {
        var read = ChannelPayload.Read("user:usr_1", Utf8("""{"event":"sos","data":{"alertId":"sos_1","contacts":["a","b"],"acknowledged":false}}"""));

        var fields = Assert.IsType<Dictionary<string, object?>>(ChannelPayload.Plain(Assert.NotNull(read).Data));
        Assert.Equal("sos", read?.Event);
        Assert.Equal(new List<object?> { "a", "b" }, fields["contacts"]);
        Assert.Equal(false, fields["acknowledged"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public void Anything_but_a_json_object_is_unreadable(string payload)
    {
        Assert.Null(ChannelPayload.Read("trip:trp_1", Utf8(payload)));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
