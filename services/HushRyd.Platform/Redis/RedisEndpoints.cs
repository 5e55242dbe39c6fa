using StackExchange.Redis;

namespace HushRyd.Platform.Redis;

public static class RedisEndpoints
{
    /// <summary>The endpoints of a connection string, without passwords, for messages.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var endpoints = ConfigurationOptions.Parse(connectionString).EndPoints;
            return endpoints.Count == 0 ? "(no endpoint)" : string.Join(",", endpoints.Select(e => e.ToString()));
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }
}
