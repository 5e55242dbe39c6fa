namespace HushRyd.Trips.Bookings;

public static class BookingStatusNames
{
    public static string Name(this BookingStatus status) => WireNames.Name<BookingStatus>(status);

    public static bool TryParse(string? name, out BookingStatus status) => WireNames.TryParse<BookingStatus>(name, out status);

    public static BookingStatus Parse(string name) => WireNames.Parse<BookingStatus>(name);
}
