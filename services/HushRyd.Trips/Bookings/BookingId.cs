namespace HushRyd.Trips.Bookings;

public static class BookingId
{
    public static string New() => "bkg_" + Guid.CreateVersion7().ToString("N");
}
