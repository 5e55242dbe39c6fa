using HushRyd.Admin;
using HushRyd.Gateway;
using HushRyd.Location;
using HushRyd.Notifications;
using HushRyd.Platform.Modules;
using HushRyd.Realtime;
using HushRyd.Sos;
using HushRyd.Trips;

namespace HushRyd.Server.Hosting;

/// <summary>Every module this build can run, in start-up order.</summary>
public static class ModuleCatalog
{
    public static IReadOnlyList<IHushRydModule> All { get; } = [new GatewayModule(), new TripsModule(), new NotificationsModule(), new LocationModule(), new RealtimeModule(), new SosModule(), new AdminModule()];
}
