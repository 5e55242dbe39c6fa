using HushRyd.Platform.Trips;
using HushRyd.Sos.Running;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.Logging;

namespace HushRyd.Sos.Raising;

/// <summary>
/// Property 3: the alert is durably stored first; only then is its workflow (the only thing that notifies anyone)
/// started, without holding up the answer. A store failure returns no alert and starts nothing. The trip's driver and vehicle
/// and the raiser's trusted contacts are looked up first but briefly: Trips being slow or down must not delay or refuse an SOS.
/// </summary>
public sealed partial class SosRaiser(ISosAlertStore alerts, ISosWorkflows workflows, ITripDirectory trips, ISosContacts contacts, TimeProvider time, ILogger<SosRaiser> logger)
{
    public static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);

    public async Task<SosRaising> RaiseAsync(RaiseSos request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (tripId, driverId, vehicle, trusted, gaps) = await LookUpAsync(request, cancellationToken);
        var now = time.GetUtcNow();
        var alert = new SosAlert(
            SosIds.New(), request.UserId, request.Phone, request.IdempotencyKey, tripId, driverId, request.Lat, request.Lng, request.Note, now, trusted,
            SosStatus.Active, 0, null, null, null, null, false, vehicle);
        SosAlertCreation stored;
        try
        {
            stored = await alerts.CreateAsync(alert, new SosTimelineEntry(now, SosTimelineKinds.Raised, Detail: gaps), cancellationToken);
        }
#pragma warning disable CA1031 // Whatever the store threw, the caller answers 503 and the app dials 112.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogNotStored(logger, ex, request.UserId);
            return new SosRaising(null);
        }

        if (!stored.Alert.WorkflowStarted)
        {
            // The 201 waits for the commit, not for the workflow runtime: the start goes on beside the answer, untied from the
            // caller's request. A start that never lands (the process dies first, the runtime is down) is the re-starter's,
            // after its grace.
            _ = workflows.TryStartAsync(stored.Alert, CancellationToken.None);
        }

        return new SosRaising(stored);
    }

    private async Task<(string? TripId, string? DriverId, TripVehicle? Vehicle, IReadOnlyList<SosContact> Contacts, string? Gaps)> LookUpAsync(RaiseSos request, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LookupBudget);
        // Side by side: the alert is stored one lookup sooner.
        var tripLookup = request.TripId is null ? Task.FromResult<Lookup<TripParticipants>>(new(null, null)) : TryAsync(() => trips.FindAsync(request.TripId, budget.Token), "trip");
        var contactsLookup = TryAsync<IReadOnlyList<SosContact>>(async () => await contacts.TrustedContactsOfAsync(request.UserId, budget.Token), "trusted contacts");
        var (trip, tripGap) = await tripLookup;
        var (trusted, contactsGap) = await contactsLookup;
        List<string> gaps = [.. new[] { tripGap, contactsGap }.OfType<string>()];
        if (request.TripId is not null && tripGap is null && trip?.Includes(request.UserId) != true)
        {
            gaps.Add($"trip {request.TripId} is not the raiser's: not linked");
            return (null, null, null, trusted ?? [], string.Join("; ", gaps));
        }

        return (request.TripId, trip?.DriverId, trip?.Vehicle, trusted ?? [], gaps.Count == 0 ? null : string.Join("; ", gaps));
    }

    private static async Task<Lookup<T>> TryAsync<T>(Func<Task<T?>> lookup, string what)
        where T : class
    {
        try
        {
            return new(await lookup(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            return new(null, $"{what} unavailable: {ex.GetType().Name}");
        }
    }

    /// <summary>What a lookup found, or why it found nothing.</summary>
    private sealed record Lookup<T>(T? Value, string? Gap)
        where T : class;

    [LoggerMessage(Level = LogLevel.Error, Message = "An SOS from user {UserId} could not be stored; nobody was notified and the caller was told 503")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string userId);
}
