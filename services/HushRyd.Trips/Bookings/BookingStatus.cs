using System.Text.Json.Serialization;

namespace HushRyd.Trips.Bookings;

[JsonConverter(typeof(JsonStringEnumConverter<BookingStatus>))]
public enum BookingStatus
{
    [JsonStringEnumMemberName("confirmed")]
    Confirmed,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
