using System.Globalization;
using System.Text;

namespace HushRyd.Benchmarks;

/// <summary>wrk Lua scripts that drive the location API as driver apps and a fleet gateway would.</summary>
internal static class LocationScripts
{
    /// <summary>
    /// One PUT per request, cycling over the trips, each by its own driver's token (a principal per trip, as on the road),
    /// each fix dated now (the device's clock) and moving.
    /// </summary>
    public static string Single(IReadOnlyList<(string Trip, string Token)> drivers) =>
        $$"""
        local trips = { {{Quoted(drivers.Select(d => d.Trip))}} }
        local tokens = { {{Quoted(drivers.Select(d => "Bearer " + d.Token))}} }
        local n = 0
        request = function()
          n = n + 1
          local i = (n % #trips) + 1
          local body = string.format('{"lat":%.6f,"lng":%.6f,"speed":%d,"heading":%d,"timestamp":"%s.%03dZ"}',
            12.9 + (n % 1000) * 0.0001, 77.5 + (n % 777) * 0.0001, n % 80, n % 360, os.date("!%Y-%m-%dT%H:%M:%S"), n % 1000)
          return wrk.format("PUT", "/api/v1/trips/" .. trips[i] .. "/location", { ["Content-Type"] = "application/json", ["Authorization"] = tokens[i] }, body)
        end
        """;

    /// <summary>Ten prepared batches of <paramref name="size"/> fixes spread over the trips, sent in turn by a fleet gateway's API key.</summary>
    public static string Batch(IReadOnlyList<string> trips, string apiKey, int size, DateTimeOffset around)
    {
        var bodies = new StringBuilder();
        for (var variant = 0; variant < 10; variant++)
        {
            var items = Enumerable.Range(0, size).Select(i => string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"tripId":"{{trips[i % trips.Count]}}","lat":{{12.9 + (i * 0.00001):F6}},"lng":{{77.5 + (variant * 0.001):F6}},"speed":{{i % 80}},"timestamp":"{{around.AddSeconds(variant).AddMilliseconds(i):O}}"}"""));
            bodies.Append("  [=[[").Append(string.Join(',', items)).AppendLine("]]=],");
        }

        return $$"""
            local bodies = {
            {{bodies}}}
            local requests = {}
            local n = 0
            init = function(args)
              for i, body in ipairs(bodies) do
                requests[i] = wrk.format("POST", "/api/v1/locations/batch", { ["Content-Type"] = "application/json", ["X-Api-Key"] = "{{apiKey}}" }, body)
              end
            end
            request = function()
              n = n + 1
              return requests[(n % #requests) + 1]
            end
            """;
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));
}
