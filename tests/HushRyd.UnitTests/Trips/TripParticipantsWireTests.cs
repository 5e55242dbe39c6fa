using System.Text.Json;
using HushRyd.Platform.Trips;

namespace HushRyd.UnitTests.Trips;

/// <summary>What Trips' internal API sends an SOS module in another process, read back as that module reads it.</summary>
public sealed class TripParticipantsWireTests
{
    [Fact]
    public void The_vehicle_crosses_the_internal_api_with_the_participants_and_an_answer_from_an_older_trips_reads_as_none()
    {
        var participants = new TripParticipants("trp_1", "usr_d", ["usr_p"], TripPhase.Started, new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White"));

        var json = JsonSerializer.Serialize(participants, HttpTripDirectory.Json);
        var read = JsonSerializer.Deserialize<TripParticipants>(json, HttpTripDirectory.Json)!;
        var older = JsonSerializer.Deserialize<TripParticipants>("""{"tripId":"trp_1","driverId":"usr_d","passengerIds":["usr_p"],"phase":"started"}""", HttpTripDirectory.Json)!;

        Assert.Contains("\"vehicle\":{\"registration\":\"KA 01 AB 1234\"", json, StringComparison.Ordinal);
        Assert.Equal(participants.Vehicle, read.Vehicle);
        Assert.Equal(["usr_p"], read.PassengerIds);
        Assert.Null(older.Vehicle);
        Assert.Equal(TripPhase.Started, older.Phase);
    }
}
