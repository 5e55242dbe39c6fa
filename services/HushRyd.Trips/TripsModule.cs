using HushRyd.Platform.Modules;
using HushRyd.Platform.Trips;
using HushRyd.Trips.Api;
using HushRyd.Trips.Notices;
using HushRyd.Trips.Participants;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Trips;

/// <summary>The core API: trips, bookings, trusted contacts and trip share links.</summary>
public sealed class TripsModule : IHushRydModule
{
    public string Name => "trips";

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.GetRuntimeKind() == RuntimeKind.Dapr)
        {
            builder.Services.AddMongoTripStores();
        }
        else
        {
            builder.Services.AddSqliteTripStores();
        }

        builder.Services.AddShareLinks(builder.Configuration);
        builder.Services.AddSingleton<ITripDirectory, StoredTripDirectory>();
        builder.Services.AddSingleton<ISosContacts, StoredSosContacts>();
        builder.Services.AddSingleton<TripNotices>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTripEndpoints();
        endpoints.MapBookingEndpoints();
        endpoints.MapTrustedContactEndpoints();
        endpoints.MapShareEndpoints();
        endpoints.MapTripDirectoryEndpoints();
    }
}
