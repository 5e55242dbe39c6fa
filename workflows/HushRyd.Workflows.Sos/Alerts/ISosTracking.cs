namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>The seed's startPersistentTracking / stopTracking: <c>sos:tracking:{alertId}</c> kept fresh from the trip's positions.</summary>
public interface ISosTracking
{
    Task StartAsync(SosAlert alert, CancellationToken cancellationToken);

    Task StopAsync(SosAlert alert, CancellationToken cancellationToken);
}
