using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace HushRyd.Realtime.Lean;

/// <summary>A hub protocol as the lean path speaks it: its frames' type and its ping, serialized once for every connection.</summary>
internal sealed class LeanProtocol(IHubProtocol protocol)
{
    public IHubProtocol Protocol { get; } = protocol;

    public WebSocketMessageType Frames { get; } = protocol.TransferFormat == TransferFormat.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;

    public ReadOnlyMemory<byte> Ping { get; } = protocol.GetMessageBytes(PingMessage.Instance);

    public ReadOnlyMemory<byte> Bytes(HubMessage message) => Protocol.GetMessageBytes(message);
}
