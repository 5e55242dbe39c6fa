using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>
/// DurableTask.Core's own JSON form (Newtonsoft with type names), so every event subtype and its UTC times
/// come back as they were stored.
/// </summary>
internal static class HistoryJson
{
    private static readonly JsonDataConverter Converter = JsonDataConverter.Default;

    public static string Write(object value) => Converter.Serialize(value);

    public static HistoryEvent ReadEvent(string json) => Converter.Deserialize<HistoryEvent>(json);

    public static TaskMessage ReadMessage(string json) => Converter.Deserialize<TaskMessage>(json);

    public static T Read<T>(string json) => Converter.Deserialize<T>(json);
}
