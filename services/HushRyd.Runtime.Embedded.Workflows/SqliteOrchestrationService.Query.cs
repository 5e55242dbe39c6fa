using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.Query;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Runtime.Embedded.Workflows.Storage;

namespace HushRyd.Runtime.Embedded.Workflows;

public sealed partial class SqliteOrchestrationService : IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    /// <summary>Instances by status, creation time and id prefix, in id order; the continuation token is the last id returned.</summary>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string> { "instance_id > $after" };
        var parameters = new List<(string, object?)> { ("$after", query.ContinuationToken ?? string.Empty), ("$limit", Math.Max(1, query.PageSize)) };
        if (query.RuntimeStatus is { Count: > 0 } statuses)
        {
            filters.Add($"status IN ({string.Join(',', statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))})");
        }

        if (query.CreatedTimeFrom is { } from)
        {
            filters.Add("created_at >= $from");
            parameters.Add(("$from", UtcTicks.Of(from)));
        }

        if (query.CreatedTimeTo is { } to)
        {
            filters.Add("created_at <= $to");
            parameters.Add(("$to", UtcTicks.Of(to)));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            filters.Add("substr(instance_id, 1, length($prefix)) = $prefix");
            parameters.Add(("$prefix", query.InstanceIdPrefix));
        }

        var sql = $"SELECT {InstanceRows.Columns} FROM instances WHERE {string.Join(" AND ", filters)} ORDER BY instance_id LIMIT $limit;";
        return _database.ReadAsync(connection =>
        {
            var page = connection.ReadAll(null, sql, InstanceRows.Read, [.. parameters]);
            var states = query.FetchInputsAndOutputs ? page : page.Select(s => s.ClearFieldsImmutably(clearInput: true, clearOutput: true)).ToList();
            var next = page.Count == Math.Max(1, query.PageSize) ? page[^1].OrchestrationInstance.InstanceId : null;
            return new OrchestrationQueryResult(states, next);
        });
    }

    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        new(await PurgeWhereAsync("instance_id = $id", ("$id", instanceId)).ConfigureAwait(false));

    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var filter = "created_at >= $from AND created_at <= $to";
        if (purgeInstanceFilter.RuntimeStatus?.ToList() is { Count: > 0 } statuses)
        {
            filter += $" AND status IN ({string.Join(',', statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))})";
        }

        var to = purgeInstanceFilter.CreatedTimeTo is { } end ? UtcTicks.Of(end) : long.MaxValue;
        return new PurgeResult(await PurgeWhereAsync(filter, ("$from", UtcTicks.Of(purgeInstanceFilter.CreatedTimeFrom)), ("$to", to)).ConfigureAwait(false));
    }

    /// <summary>Deletes ended instances matching <paramref name="filter"/>; a live one is never purged.</summary>
    private Task<int> PurgeWhereAsync(string filter, params (string Name, object? Value)[] parameters) =>
        _database.WriteAsync("purge", (connection, transaction) =>
        {
            var ids = connection.ReadAll(transaction, $"SELECT instance_id FROM instances WHERE status IN ({OrchestrationStatuses.TerminalSqlList}) AND lock_token IS NULL AND {filter};",
                row => row.GetString(0), parameters);
            return ids.Sum(id => InstanceMessages.Purge(connection, transaction, id));
        });
}
