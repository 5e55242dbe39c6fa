using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// Distinct users signed in the way the app signs them in (an OTP by SMS, read from the dev outbox, then verified),
/// several at a time: each token is a principal of its own with its own session and rate-limit log.
/// </summary>
internal static class SignedInPrincipals
{
    public static async Task<string[]> SignInAsync(Uri server, string dataDirectory, int count, int concurrency = 32)
    {
        using var codes = new OutboxCodes(dataDirectory);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = server };
        var tokens = new string[count];
        var started = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            tokens[i] = await SignInAsync(http, codes, Phone(i));
            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done:N0} principals signed in ({done / started.Elapsed.TotalSeconds:N0}/s)"));
            }
        });
        return tokens;
    }

    // +91 70000 00000 onwards: valid E.164, none of them an admin or driver phone of the test configuration.
    private static string Phone(int i) => string.Create(CultureInfo.InvariantCulture, $"+9170{i:D8}");

    private static async Task<string> SignInAsync(HttpClient http, OutboxCodes codes, string phone)
    {
        using (var sent = await http.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone }))
        {
            sent.EnsureSuccessStatusCode();
        }

        var code = await codes.TakeAsync(phone);
        using var verified = await http.PostAsJsonAsync(new Uri("/api/v1/auth/verify", UriKind.Relative), new { phone, code });
        return (await HttpJson.ReadAsync(verified.EnsureSuccessStatusCode())).GetProperty("accessToken").GetString()!;
    }
}
