using HushRyd.Platform.Trips;
using HushRyd.Trips.Api;
using Microsoft.AspNetCore.Mvc;

namespace HushRyd.UnitTests.Trips;

public sealed class TripValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static PublishTripRequest Valid() => new(
        new PlaceRequest("Hyderabad", 17.385, 78.4867, "Hitech City"),
        new PlaceRequest("Vijayawada", 16.5062, 80.648, null),
        Now.AddHours(3),
        4,
        799.99m,
        new VehicleRequest("ka01ab1234", " Maruti  Suzuki Swift ", "White"));

    [Fact]
    public void A_complete_request_is_accepted() => Assert.Null(TripValidation.Check(Valid(), Now));

    [Fact]
    public void A_request_without_a_vehicle_is_still_accepted_so_older_clients_keep_publishing() =>
        Assert.Null(TripValidation.Check(Valid() with { Vehicle = null }, Now));

    [Fact]
    public void The_stored_vehicle_has_the_plate_normalised_and_the_text_single_spaced() =>
        Assert.Equal(new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White"), VehicleValidation.ToVehicle(Valid().Vehicle));

    public static TheoryData<string, PublishTripRequest> Invalid() => new()
    {
        { "source", Valid() with { Source = null } },
        { "destination.city", Valid() with { Destination = new PlaceRequest(" ", 16.5, 80.6, null) } },
        { "source.lng", Valid() with { Source = new PlaceRequest("Hyderabad", 17.3, 181, null) } },
        { "source.lat", Valid() with { Source = new PlaceRequest("Hyderabad", double.NaN, 78.4, null) } },
        { "departureTime", Valid() with { DepartureTime = Now.AddSeconds(-1) } },
        { "departureTime", Valid() with { DepartureTime = Now.AddDays(91) } },
        { "seats", Valid() with { Seats = 0 } },
        { "seats", Valid() with { Seats = 9 } },
        { "fare", Valid() with { Fare = -1 } },
        { "fare", Valid() with { Fare = 10.005m } },
        { "vehicle.registration", Valid() with { Vehicle = new VehicleRequest("KA 01 1234", "Maruti Suzuki Swift", "White") } },
        { "vehicle.registration", Valid() with { Vehicle = new VehicleRequest(null, "Maruti Suzuki Swift", "White") } },
        { "vehicle.makeModel", Valid() with { Vehicle = new VehicleRequest("KA01AB1234", " ", "White") } },
        { "vehicle.makeModel", Valid() with { Vehicle = new VehicleRequest("KA01AB1234", new string('x', TripRules.MaxMakeModelLength + 1), "White") } },
        { "vehicle.colour", Valid() with { Vehicle = new VehicleRequest("KA01AB1234", "Maruti Suzuki Swift", null) } },
        { "vehicle.colour", Valid() with { Vehicle = new VehicleRequest("KA01AB1234", "Maruti Suzuki Swift", "सफ़ेद") } },
        { "vehicle.colour", Valid() with { Vehicle = new VehicleRequest("KA01AB1234", "Maruti Suzuki Swift", "Pearl white with a long stripe") } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_field_is_named_in_the_400(string field, PublishTripRequest request)
    {
        var problem = TripValidation.Check(request, Now);

        Assert.NotNull(problem);
        Assert.Equal(400, problem.StatusCode);
        Assert.Contains(field, Assert.IsType<ValidationProblemDetails>(problem.ProblemDetails).Errors.Keys);
    }
}
