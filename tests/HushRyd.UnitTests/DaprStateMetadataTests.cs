using HushRyd.Platform.Events;
using HushRyd.Runtime.Dapr.State;
using HushRyd.Server.Diagnostics;

namespace HushRyd.UnitTests;

public class DaprStateMetadataTests
{
    [Fact]
    public void No_time_to_live_sends_no_metadata()
    {
        Assert.Null(DaprStateStore.Metadata(null));
    }

    [Theory]
    [InlineData(1000, "1")]
    [InlineData(1001, "2")]
    [InlineData(90_000, "90")]
    [InlineData(1, "1")]
    public void Time_to_live_rounds_up_to_whole_seconds_so_entries_never_expire_early(int milliseconds, string expected)
    {
        Assert.Equal(expected, DaprStateStore.Metadata(TimeSpan.FromMilliseconds(milliseconds))!["ttlInSeconds"]);
    }

    [Fact]
    public void Topics_are_named_after_event_types_with_a_dead_letter_twin()
    {
        Assert.Equal("DiagnosticProbeSent", EventTopics.For<DiagnosticProbeSent>());
        Assert.Equal("DiagnosticProbeSent.deadletter", EventTopics.DeadLetterFor(EventTopics.For<DiagnosticProbeSent>()));
    }
}
