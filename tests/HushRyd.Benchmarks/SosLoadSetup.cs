using System.Net.Http.Headers;
using System.Net.Http.Json;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>Drivers who each publish a trip, passengers who each sign in, name a trusted contact and book a seat, then the trips start.</summary>
internal static class SosLoadSetup
{
    private const int Parallel = 8;

    public static async Task<(List<(string Trip, string Token)> Drivers, SosRider[] Riders)> RidersOnStartedTripsAsync(
        Uri server, string dataDirectory, string[] driverPhones, int riderCount, int seatsPerTrip)
    {
        var drivers = new (string Trip, string Token)[driverPhones.Length];
        await System.Threading.Tasks.Parallel.ForAsync(0, driverPhones.Length, Options(), async (i, _) => drivers[i] = await PublishAsync(server, dataDirectory, driverPhones[i], seatsPerTrip));
        var riders = new SosRider[riderCount];
        await System.Threading.Tasks.Parallel.ForAsync(0, riderCount, Options(), async (i, _) =>
            riders[i] = await BookAsync(server, dataDirectory, SosLoadBenchmark.Phone(971, i), SosLoadBenchmark.Phone(972, i), drivers[i / seatsPerTrip].Trip));
        await System.Threading.Tasks.Parallel.ForAsync(0, drivers.Length, Options(), async (i, cancellationToken) =>
        {
            using var driver = Client(server, drivers[i].Token);
            using var started = await driver.PostAsync(new Uri($"/api/v1/trips/{drivers[i].Trip}/start", UriKind.Relative), null, cancellationToken);
            started.EnsureSuccessStatusCode();
        });
        return ([.. drivers], riders);
    }

    private static ParallelOptions Options() => new() { MaxDegreeOfParallelism = Parallel };

    private static async Task<(string Trip, string Token)> PublishAsync(Uri server, string dataDirectory, string phone, int seats)
    {
        using var driver = await TestLogin.SignedInClientAsync(server, dataDirectory, phone);
        using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), new
        {
            source = new { city = "Bengaluru", lat = 12.9716, lng = 77.5946 },
            destination = new { city = "Mysuru", lat = 12.2958, lng = 76.6394 },
            departureTime = DateTimeOffset.UtcNow.AddHours(1),
            seats,
            fare = 450,
        });
        var id = (await HttpJson.ReadAsync(published.EnsureSuccessStatusCode())).GetProperty("id").GetString()!;
        return (id, driver.DefaultRequestHeaders.Authorization!.Parameter!);
    }

    private static async Task<SosRider> BookAsync(Uri server, string dataDirectory, string phone, string contact, string tripId)
    {
        using var passenger = await TestLogin.SignedInClientAsync(server, dataDirectory, phone);
        using (var saved = await passenger.PutAsJsonAsync(new Uri("/api/v1/users/me/trusted-contacts", UriKind.Relative), new[] { new { name = "Contact", phone = contact } }))
        {
            saved.EnsureSuccessStatusCode();
        }

        using (var booked = await passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{tripId}/bookings", UriKind.Relative), new { seats = 1 }))
        {
            booked.EnsureSuccessStatusCode();
        }

        return new SosRider(phone, contact, passenger.DefaultRequestHeaders.Authorization!.Parameter!, tripId);
    }

    private static HttpClient Client(Uri server, string token)
    {
        var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
