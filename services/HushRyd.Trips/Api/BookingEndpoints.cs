using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Notices;
using HushRyd.Trips.Trips;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Trips.Api;

public static class BookingEndpoints
{
    private const int OwnBookingsLimit = 100;

    public static void MapBookingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("Bookings").RequireAuthorization();
        group.MapPost("/trips/{tripId}/bookings", BookAsync).WithSummary("Book seats on a scheduled trip (passengers)");
        group.MapGet("/trips/{tripId}/bookings", ListForTripAsync).WithSummary("A trip's bookings (its driver, admins)");
        group.MapGet("/bookings", ListOwnAsync).WithSummary($"The caller's own bookings, newest first (at most {OwnBookingsLimit})");
        group.MapGet("/bookings/{bookingId}", GetAsync).WithSummary("One booking (its passenger, the trip's driver, admins)");
        group.MapPost("/bookings/{bookingId}/cancel", CancelAsync).WithSummary("Cancel a booking and give its seats back (its passenger)");
    }

    private static async Task<Results<Created<BookingView>, ProblemHttpResult>> BookAsync(
        string tripId,
        BookSeatsRequest request,
        ClaimsPrincipal user,
        ITripRepository trips,
        IBookingRepository bookings,
        TripNotices notices,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } passengerId || !user.IsInRole(Roles.Passenger))
        {
            return Problems.Forbidden("Only passengers book seats.");
        }

        if (request.Seats is not (>= 1 and <= TripRules.MaxSeats))
        {
            return Problems.Validation("seats", $"Book between 1 and {TripRules.MaxSeats} seats.");
        }

        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return Problems.NotFound("Trip");
        }

        if (trip.DriverId == passengerId)
        {
            return Problems.Conflict("Own trip", "Drivers cannot book seats on their own trip.");
        }

        var booking = new Booking(BookingId.New(), tripId, passengerId, request.Seats.Value, BookingStatus.Confirmed, trip.Region, time.GetUtcNow());
        var result = await bookings.BookAsync(booking, cancellationToken);
        if (!result.Succeeded)
        {
            return Refusal(result);
        }

        await notices.BookingConfirmedAsync(user, trip, result.Booking!, cancellationToken);
        return TypedResults.Created($"/api/v1/bookings/{booking.Id}", BookingView.From(result.Booking!));
    }

    private static async Task<Results<Ok<BookingView[]>, ProblemHttpResult>> ListForTripAsync(
        string tripId, string? status, ClaimsPrincipal user, ITripRepository trips, IBookingRepository bookings, CancellationToken cancellationToken)
    {
        if (!TryParseStatus(status, out var bookingStatus))
        {
            return InvalidStatus();
        }

        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return Problems.NotFound("Trip");
        }

        if (user.UserId() != trip.DriverId && !user.IsAdmin())
        {
            return Problems.Forbidden("Only the trip's driver sees its bookings.");
        }

        var found = await bookings.ListForTripAsync(tripId, bookingStatus, cancellationToken);
        return TypedResults.Ok(found.Select(BookingView.From).ToArray());
    }

    private static async Task<Results<Ok<BookingView[]>, ProblemHttpResult>> ListOwnAsync(
        string? status, ClaimsPrincipal user, IBookingRepository bookings, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } passengerId)
        {
            return Problems.Forbidden("Bookings belong to users; API keys have none.");
        }

        if (!TryParseStatus(status, out var bookingStatus))
        {
            return InvalidStatus();
        }

        var found = await bookings.ListForPassengerAsync(passengerId, bookingStatus, OwnBookingsLimit, cancellationToken);
        return TypedResults.Ok(found.Select(BookingView.From).ToArray());
    }

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> GetAsync(
        string bookingId, ClaimsPrincipal user, ITripRepository trips, IBookingRepository bookings, CancellationToken cancellationToken)
    {
        var booking = await bookings.FindAsync(bookingId, cancellationToken);
        if (booking is null)
        {
            return Problems.NotFound("Booking");
        }

        var caller = user.UserId();
        if (caller != booking.PassengerId && !user.IsAdmin()
            && caller != (await trips.FindAsync(booking.TripId, cancellationToken))?.DriverId)
        {
            return Problems.NotFound("Booking");
        }

        return TypedResults.Ok(BookingView.From(booking));
    }

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> CancelAsync(
        string bookingId, ClaimsPrincipal user, IBookingRepository bookings, TimeProvider time, CancellationToken cancellationToken)
    {
        var booking = await bookings.FindAsync(bookingId, cancellationToken);
        if (booking is null || booking.PassengerId != user.UserId())
        {
            return Problems.NotFound("Booking");
        }

        var result = await bookings.CancelAsync(bookingId, time.GetUtcNow(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(BookingView.From(result.Booking!)) : Refusal(result);
    }

    private static ProblemHttpResult Refusal(BookingResult result) => result.Refusal switch
    {
        BookingRefusal.TripNotFound => Problems.NotFound("Trip"),
        BookingRefusal.BookingNotFound => Problems.NotFound("Booking"),
        BookingRefusal.TripNotOpen => Problems.Conflict("Trip not open", $"The trip is {result.Trip!.Status.Name()}; bookings change only while it is scheduled."),
        BookingRefusal.NotEnoughSeats => Problems.Conflict("Not enough seats", $"{result.Trip!.SeatsAvailable} seat(s) left on this trip."),
        BookingRefusal.AlreadyCancelled => Problems.Conflict("Already cancelled", "This booking was already cancelled."),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Refusal, null),
    };

    private static bool TryParseStatus(string? status, out BookingStatus? bookingStatus)
    {
        bookingStatus = null;
        if (status is null)
        {
            return true;
        }

        var parsed = BookingStatusNames.TryParse(status, out var value);
        bookingStatus = value;
        return parsed;
    }

    private static ProblemHttpResult InvalidStatus() => Problems.Validation("status", "Use confirmed or cancelled.");
}
