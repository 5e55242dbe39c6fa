using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HushRyd.Trips.Trips;

namespace HushRyd.UnitTests.Trips;

public sealed class TripLifecycleTests
{
    [Theory]
    [InlineData(TripStatus.Scheduled, TripTransition.Start, true)]
    [InlineData(TripStatus.Scheduled, TripTransition.Cancel, true)]
    [InlineData(TripStatus.Scheduled, TripTransition.Complete, false)]
    [InlineData(TripStatus.Started, TripTransition.Complete, true)]
    [InlineData(TripStatus.Started, TripTransition.Start, false)]
    [InlineData(TripStatus.Started, TripTransition.Cancel, false)]
    [InlineData(TripStatus.Completed, TripTransition.Cancel, false)]
    [InlineData(TripStatus.Cancelled, TripTransition.Start, false)]
    public void Only_the_documented_moves_are_allowed(TripStatus from, TripTransition transition, bool allowed) =>
        Assert.Equal(allowed, TripLifecycle.Allows(from, transition));

    [Property(MaxTest = 200)]
    public Property Any_sequence_of_attempts_ends_in_a_reachable_state_and_ended_trips_never_move_again()
    {
        var attempts = Gen.ListOf(Gen.Elements(Enum.GetValues<TripTransition>())).ToArbitrary();
        return Prop.ForAll(attempts, sequence =>
        {
            var status = TripStatus.Scheduled;
            var ended = false;
            foreach (var transition in sequence)
            {
                if (!TripLifecycle.Allows(status, transition))
                {
                    continue;
                }

                if (ended)
                {
                    return false;
                }

                status = TripLifecycle.To(transition);
                ended = TripLifecycle.HasEnded(status);
            }

            return true;
        });
    }

    [Fact]
    public void Status_names_round_trip_in_lower_case()
    {
        foreach (var status in Enum.GetValues<TripStatus>())
        {
            Assert.Equal(status.Name(), status.Name().ToLowerInvariant());
            Assert.Equal(status, TripStatusNames.Parse(status.Name()));
        }

        Assert.False(TripStatusNames.TryParse("boarding", out _));
    }
}
