using HushRyd.Platform.Trips;
using HushRyd.Sos.Raising;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.Logging.Abstractions;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>What the raiser stores when Trips cannot say who is in the trip or who the trusted contacts are: the alert, always.</summary>
public sealed class SosRaiserTests : IAsyncLifetime
{
    private SosHarness _sos = null!;

    public async Task InitializeAsync() => _sos = await SosHarness.StartAsync(TimeSpan.FromMinutes(2));

    public async Task DisposeAsync() => await _sos.DisposeAsync();

    [Fact]
    public async Task An_sos_naming_a_trip_the_raiser_is_not_on_is_stored_unlinked_with_the_contacts_and_says_why()
    {
        var raised = await _sos.Raiser.RaiseAsync(Raise("trp_someone_elses"), CancellationToken.None);

        var alert = raised.Stored!.Alert;
        Assert.Null(alert.TripId);
        Assert.Equal(SosHarness.Contacts.Length, alert.TrustedContacts.Count);
        var stored = await _sos.Store.TimelineAsync(alert.Id, CancellationToken.None);
        Assert.Contains("trip trp_someone_elses is not the raiser's: not linked", stored[0].Detail, StringComparison.Ordinal);
        Assert.Contains(alert.Id, _sos.Workflows.Started);
    }

    [Fact]
    public async Task An_sos_is_stored_and_its_workflow_started_when_trips_cannot_be_reached_and_the_timeline_names_both_lookups()
    {
        var raiser = new SosRaiser(_sos.Store, _sos.Workflows, new UnreachableTrips(), new UnreachableTrips(), _sos.Clock, NullLogger<SosRaiser>.Instance);

        var raised = await raiser.RaiseAsync(Raise("trp_1"), CancellationToken.None);

        var alert = raised.Stored!.Alert;
        Assert.Equal("trp_1", alert.TripId);
        Assert.Empty(alert.TrustedContacts);
        var detail = (await _sos.Store.TimelineAsync(alert.Id, CancellationToken.None))[0].Detail;
        Assert.Equal("trip unavailable: HttpRequestException; trusted contacts unavailable: HttpRequestException", detail);
        Assert.Contains(alert.Id, _sos.Workflows.Started);
    }

    private static RaiseSos Raise(string tripId) => new(SosHarness.Traveller, "+919811100000", "tap", tripId, 12.97, 77.59, null);

    private sealed class UnreachableTrips : ITripDirectory, ISosContacts
    {
        public Task<TripParticipants?> FindAsync(string tripId, CancellationToken cancellationToken) => throw new HttpRequestException("trips is down");

        public Task<string?> ResolveShareTokenAsync(string token, CancellationToken cancellationToken) => throw new HttpRequestException("trips is down");

        public Task<IReadOnlyList<SosContact>> TrustedContactsOfAsync(string userId, CancellationToken cancellationToken) => throw new HttpRequestException("trips is down");

        public Task<string?> IssueShareTokenAsync(string tripId, string userId, CancellationToken cancellationToken) => throw new HttpRequestException("trips is down");
    }
}
