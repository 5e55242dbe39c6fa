namespace HushRyd.Runtime.Embedded.Sqlite;

/// <summary>One schema step. Ids are recorded once applied, so a step never runs twice; never edit a shipped step.</summary>
public sealed record SqliteMigration(string Id, string Sql);
