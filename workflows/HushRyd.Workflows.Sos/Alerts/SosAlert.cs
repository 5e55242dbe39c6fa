using HushRyd.Platform.Trips;

namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>
/// One SOS as stored before anyone is told (Property 3): who raised it and where, on which trip, with which driver and in
/// which vehicle (as the trip had it at raise time; null when none was given), whom they trust, and how far it has gone. <see cref="WorkflowStarted"/> tells the re-starter its workflow is running.
/// </summary>
public sealed record SosAlert(
    string Id,
    string RaisedBy,
    string? RaisedByPhone,
    string IdempotencyKey,
    string? TripId,
    string? DriverId,
    double Lat,
    double Lng,
    string? Note,
    DateTimeOffset RaisedAt,
    IReadOnlyList<SosContact> TrustedContacts,
    SosStatus Status,
    int EscalationLevel,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    bool WorkflowStarted,
    TripVehicle? Vehicle = null);
