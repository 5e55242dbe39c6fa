using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HushRyd.IntegrationTests.Events;
using HushRyd.Platform.Identity;
using HushRyd.Platform.State;
using HushRyd.Testing;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Storage;
using HushRyd.Trips.Trips;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>The share link service on the embedded runtime: SQLite trips and bookings, the SQLite state store and its TTLs.</summary>
public sealed class ShareLinkServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private const string Driver = "usr_driver";

    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(Start);
    private IHost _host = null!;
    private ShareLinkService _shares = null!;
    private ITripRepository _trips = null!;
    private IBookingRepository _bookings = null!;
    private IStateStore _state = null!;

    public async Task InitializeAsync()
    {
        _host = await EmbeddedRuntimeHost.StartAsync(_directory.Path, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
            services.AddSqliteTripStores();
            services.AddShareLinks(new ConfigurationBuilder().Build());
        });
        _shares = _host.Services.GetRequiredService<ShareLinkService>();
        _trips = _host.Services.GetRequiredService<ITripRepository>();
        _bookings = _host.Services.GetRequiredService<IBookingRepository>();
        _state = _host.Services.GetRequiredService<IStateStore>();
    }

    [Fact]
    public async Task The_driver_a_passenger_with_a_confirmed_booking_and_an_admin_may_share_and_nobody_else()
    {
        var trip = await PublishAsync();
        await BookAsync(trip, "usr_rider");
        var cancelled = await BookAsync(trip, "usr_changed_mind");
        Assert.True((await _bookings.CancelAsync(cancelled.Id, Start, CancellationToken.None)).Succeeded);

        Assert.Equal(ShareRefusal.None, (await CreateAsync(trip, TestPrincipals.User(Driver, Roles.Driver))).Refusal);
        Assert.Equal(ShareRefusal.None, (await CreateAsync(trip, TestPrincipals.User("usr_rider", Roles.Passenger))).Refusal);
        Assert.Equal(ShareRefusal.None, (await CreateAsync(trip, TestPrincipals.User("usr_desk", Roles.Admin))).Refusal);
        Assert.Equal(ShareRefusal.NotAllowed, (await CreateAsync(trip, TestPrincipals.User("usr_changed_mind", Roles.Passenger))).Refusal);
        Assert.Equal(ShareRefusal.NotAllowed, (await CreateAsync(trip, TestPrincipals.User("usr_stranger", Roles.Passenger))).Refusal);
        Assert.Equal(ShareRefusal.NotAllowed, (await CreateAsync(trip, TestPrincipals.User("usr_other_driver", Roles.Driver))).Refusal);
        Assert.Equal(ShareRefusal.NotAllowed, (await CreateAsync(trip, TestPrincipals.ApiKey("key_partner"))).Refusal);
        Assert.Equal(ShareRefusal.TripNotFound, (await CreateAsync(new TripRef("trp_missing"), TestPrincipals.User("usr_desk", Roles.Admin))).Refusal);
    }

    [Fact]
    public async Task Only_the_sha256_of_the_token_is_stored_with_the_trip_its_creator_and_times()
    {
        var trip = await PublishAsync();

        var created = await CreateAsync(trip, TestPrincipals.User(Driver, Roles.Driver));
        var other = await CreateAsync(trip, TestPrincipals.User(Driver, Roles.Driver));

        var token = created.Token!;
        Assert.Equal(43, token.Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(token).Length);
        Assert.NotEqual(token, other.Token);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
        var stored = await _state.GetAsync<ShareLink>($"share:{hash}");
        Assert.Equal(new ShareLink(trip.Id, Driver, Start, trip.Departure + TimeSpan.FromHours(24)), stored!.Value);
        Assert.Equal(stored.Value, created.Link);
        Assert.Null(await _state.GetAsync<ShareLink>($"share:{token}"));
    }

    [Fact]
    public async Task A_link_lives_as_long_as_its_state_entry_which_expires_a_day_after_departure()
    {
        var trip = await PublishAsync();
        var token = (await CreateAsync(trip, TestPrincipals.User(Driver, Roles.Driver))).Token!;
        var expiresAt = trip.Departure + TimeSpan.FromHours(24);

        _clock.Set(expiresAt - TimeSpan.FromSeconds(1));
        var justBefore = await _shares.ResolveAsync(token, CancellationToken.None);
        _clock.Set(expiresAt + TimeSpan.FromSeconds(1));
        var justAfter = await _shares.ResolveAsync(token, CancellationToken.None);

        Assert.Equal(trip.Id, justBefore?.Id);
        Assert.Null(justAfter);
        Assert.Null(await _state.GetAsync<ShareLink>(ShareToken.StateKey(token)));
    }

    [Fact]
    public async Task A_link_made_after_departure_still_gets_a_full_day()
    {
        var trip = await PublishAsync();
        _clock.Set(trip.Departure + TimeSpan.FromHours(5));
        await _trips.TryTransitionAsync(trip.Id, TripTransition.Start, _clock.GetUtcNow(), CancellationToken.None);

        var created = await CreateAsync(trip, TestPrincipals.User(Driver, Roles.Driver));

        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(24), created.Link!.ExpiresAt);
    }

    [Fact]
    public async Task Completing_or_cancelling_the_trip_kills_its_links_at_once_and_ended_trips_cannot_be_shared()
    {
        var completed = await PublishAsync();
        var cancelled = await PublishAsync();
        var completedToken = (await CreateAsync(completed, TestPrincipals.User(Driver, Roles.Driver))).Token!;
        var cancelledToken = (await CreateAsync(cancelled, TestPrincipals.User(Driver, Roles.Driver))).Token!;

        await _trips.TryTransitionAsync(completed.Id, TripTransition.Start, Start, CancellationToken.None);
        var whileStarted = await _shares.ResolveAsync(completedToken, CancellationToken.None);
        await _trips.TryTransitionAsync(completed.Id, TripTransition.Complete, Start, CancellationToken.None);
        await _trips.TryTransitionAsync(cancelled.Id, TripTransition.Cancel, Start, CancellationToken.None);

        Assert.Equal(TripStatus.Started, whileStarted?.Status);
        Assert.Null(await _shares.ResolveAsync(completedToken, CancellationToken.None));
        Assert.Null(await _shares.ResolveAsync(cancelledToken, CancellationToken.None));
        Assert.Equal(ShareRefusal.TripEnded, (await CreateAsync(completed, TestPrincipals.User(Driver, Roles.Driver))).Refusal);
        Assert.Equal(ShareRefusal.NotAllowed, (await CreateAsync(cancelled, TestPrincipals.User("usr_stranger", Roles.Passenger))).Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/A")]
    public async Task Malformed_tokens_resolve_to_nothing(string? token)
    {
        Assert.Null(await _shares.ResolveAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_well_formed_token_that_was_never_issued_resolves_to_nothing()
    {
        await PublishAsync();

        Assert.Null(await _shares.ResolveAsync(ShareToken.New(), CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _directory.Dispose();
    }

    private async Task<TripRef> PublishAsync()
    {
        var trip = new Trip(
            TripId.New(),
            Driver,
            new Place("Bengaluru", 12.9716, 77.5946, null),
            new Place("Mysuru", 12.2958, 76.6394, null),
            Start + TimeSpan.FromHours(2),
            3,
            3,
            450m,
            TripStatus.Scheduled,
            "in-south",
            Start);
        await _trips.InsertAsync(trip, CancellationToken.None);
        return new TripRef(trip.Id, trip.DepartureTime);
    }

    private async Task<Booking> BookAsync(TripRef trip, string passenger)
    {
        var result = await _bookings.BookAsync(new Booking(BookingId.New(), trip.Id, passenger, 1, BookingStatus.Confirmed, "in-south", Start), CancellationToken.None);
        Assert.True(result.Succeeded, result.Refusal.ToString());
        return result.Booking!;
    }

    private Task<ShareCreation> CreateAsync(TripRef trip, System.Security.Claims.ClaimsPrincipal user) =>
        _shares.CreateAsync(trip.Id, user, CancellationToken.None);

    private sealed record TripRef(string Id, DateTimeOffset Departure = default);
}
