namespace HushRyd.Platform.Modules;

public enum RuntimeKind
{
    Embedded,
    Dapr,
}
