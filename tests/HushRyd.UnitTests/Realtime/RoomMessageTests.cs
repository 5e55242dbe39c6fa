using System.Text;
using System.Text.Json;
using HushRyd.Realtime.FanOut;
using HushRyd.Realtime.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace HushRyd.UnitTests.Realtime;

public class RoomMessageTests
{
    private const string Position = """{"tripId":"trp_1","lat":12.5,"lng":77,"speed":null,"timestamp":1764000000000}""";

    [Fact]
    public void A_channel_event_reaches_json_connections_as_the_publisher_wrote_its_data()
    {
        var message = new RoomMessage("location", Read(Position));

        var protocol = new JsonHubProtocol();

        var frame = Encoding.UTF8.GetString(message.SerializedFor(protocol).GetSerializedMessage(protocol).Span);

        Assert.Equal("""{"type":1,"target":"location","arguments":[""" + Position + "]}\u001e", frame);
    }

    [Fact]
    public void A_channel_event_reaches_messagepack_connections_as_the_same_plain_values_a_hub_send_would_carry()
    {
        var message = new RoomMessage("location", Read(Position));
        var protocol = new MessagePackHubProtocol();
        var plain = ChannelPayload.Plain(Read(Position));

        var frame = message.SerializedFor(protocol);

        Assert.Equal(new SerializedHubMessage(new InvocationMessage("location", [plain])).GetSerializedMessage(protocol).ToArray(), frame.GetSerializedMessage(protocol).ToArray());
        Assert.Equal(plain, message.Data);
    }

    [Fact]
    public void Each_protocol_is_serialized_once_however_many_members_ask()
    {
        var message = new RoomMessage("location", Read(Position));
        var protocol = new JsonHubProtocol();

        Assert.Same(message.SerializedFor(protocol), message.SerializedFor(protocol));
    }

    private static JsonElement Read(string json) => Assert.NotNull(ChannelPayload.Read("trip:trp_1", Encoding.UTF8.GetBytes(json))).Data;
}
