using System.Text.Json;
using DurableTask.Core;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>The instances table as DurableTask.Core's <see cref="OrchestrationState"/>, in the shape the gRPC server converts without throwing.</summary>
internal static class InstanceRows
{
    public const string Columns = "instance_id, execution_id, name, version, status, created_at, updated_at, completed_at, input, output, custom_status, failure_json, tags_json, parent_json";

    public static OrchestrationState Read(SqliteDataReader row) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = row.GetString(0), ExecutionId = row.GetString(1) },
        Name = row.GetString(2),
        Version = row.IsDBNull(3) ? string.Empty : row.GetString(3),
        OrchestrationStatus = (OrchestrationStatus)row.GetInt32(4),
        CreatedTime = UtcTicks.ToUtc(row.GetInt64(5)),
        LastUpdatedTime = UtcTicks.ToUtc(row.GetInt64(6)),
        CompletedTime = row.IsDBNull(7) ? DateTime.MinValue.ToUniversalTime() : UtcTicks.ToUtc(row.GetInt64(7)),
        Input = NullableString(row, 8),
        Output = NullableString(row, 9),
        Status = NullableString(row, 10),
        FailureDetails = row.IsDBNull(11) ? null : HistoryJson.Read<FailureDetails>(row.GetString(11)),
        Tags = JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString(12)) ?? [],
        ParentInstance = row.IsDBNull(13) ? null : HistoryJson.Read<ParentInstance>(row.GetString(13)),
    };

    public static OrchestrationState? Find(SqliteConnection connection, SqliteTransaction? transaction, string instanceId) =>
        connection.ReadAll(transaction, $"SELECT {Columns} FROM instances WHERE instance_id = $id;", Read, ("$id", instanceId)).SingleOrDefault();

    public static string TagsJson(IDictionary<string, string>? tags) => JsonSerializer.Serialize(tags ?? new Dictionary<string, string>());

    private static string? NullableString(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
