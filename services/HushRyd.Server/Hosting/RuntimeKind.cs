namespace HushRyd.Server.Hosting;

public enum RuntimeKind
{
    Embedded,
    Dapr,
}
