using Dapr.Client;
using HushRyd.Runtime.Dapr;
using HushRyd.Runtime.Dapr.Events;
using HushRyd.Runtime.Dapr.State;
using HushRyd.Server.Diagnostics;
using NSubstitute;

namespace HushRyd.IntegrationTests.Dapr;

/// <summary>The calls the adapters make into the sidecar, checked on a DaprClient test double (no daprd here).</summary>
public class DaprAdapterTests
{
    private readonly DaprClient _dapr = Substitute.For<DaprClient>();

    [Fact]
    public async Task Publishing_sends_the_concrete_event_to_the_pubsub_component_on_the_topic_named_after_its_type()
    {
        var probe = new DiagnosticProbeSent("check");

        await new DaprEventBus(_dapr).PublishAsync(probe);

        await _dapr.Received(1).PublishEventAsync<object>(DaprComponentNames.PubSub, "DiagnosticProbeSent", Arg.Is<object>(o => ReferenceEquals(o, probe)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_publish_the_sidecar_refuses_fails_the_caller()
    {
        _dapr.PublishEventAsync<object>(default!, default!, default!, Arg.Any<CancellationToken>())
            .ReturnsForAnyArgs(Task.FromException(new global::Dapr.DaprException("sidecar unavailable")));

        await Assert.ThrowsAsync<global::Dapr.DaprException>(() => new DaprEventBus(_dapr).PublishAsync(new DiagnosticProbeSent(null)));
    }

    [Fact]
    public async Task A_key_the_store_does_not_have_reads_as_null()
    {
        _dapr.GetStateAndETagAsync<string>(DaprComponentNames.StateStore, "missing", ConsistencyMode.Strong, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<(string, string)>((null!, string.Empty)));

        Assert.Null(await new DaprStateStore(_dapr).GetAsync<string>("missing"));
    }

    [Fact]
    public async Task A_stored_key_reads_with_its_etag()
    {
        _dapr.GetStateAndETagAsync<string>(DaprComponentNames.StateStore, "k", ConsistencyMode.Strong, Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult(("v", "7")));

        var entry = await new DaprStateStore(_dapr).GetAsync<string>("k");

        Assert.Equal(("v", "7"), (entry!.Value, entry.ETag));
    }

    [Fact]
    public async Task First_write_wins_uses_first_write_concurrency_with_an_empty_etag_and_the_ttl_in_seconds()
    {
        _dapr.TrySaveStateAsync("statestore", "otp:1", "123456", string.Empty, Arg.Any<StateOptions>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(true);

        var added = await new DaprStateStore(_dapr).TryAddAsync("otp:1", "123456", TimeSpan.FromMinutes(5));

        Assert.True(added);
        await _dapr.Received(1).TrySaveStateAsync(
            "statestore",
            "otp:1",
            "123456",
            string.Empty,
            Arg.Is<StateOptions>(o => o.Concurrency == ConcurrencyMode.FirstWrite),
            Arg.Is<IReadOnlyDictionary<string, string>>(m => m["ttlInSeconds"] == "300"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_etag_update_is_refused_when_the_sidecar_reports_a_conflict()
    {
        _dapr.TrySaveStateAsync("statestore", "k", "new", "stale", Arg.Any<StateOptions>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(false);

        Assert.False(await new DaprStateStore(_dapr).TryUpdateAsync("k", "new", "stale"));
    }

    [Fact]
    public async Task Last_write_wins_saves_without_etag_or_metadata_when_no_ttl_is_given()
    {
        await new DaprStateStore(_dapr).SaveAsync("k", 42);

        await _dapr.Received(1).SaveStateAsync("statestore", "k", 42, Arg.Is<StateOptions>(o => o.Concurrency == ConcurrencyMode.LastWrite), null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Deleting_at_an_etag_asks_the_sidecar_to_compare_first()
    {
        _dapr.TryDeleteStateAsync("statestore", "k", "3", Arg.Any<StateOptions>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>())
            .Returns(true);

        Assert.True(await new DaprStateStore(_dapr).DeleteAsync("k", "3"));
        Assert.True(await new DaprStateStore(_dapr).DeleteAsync("other"));
        await _dapr.Received(1).DeleteStateAsync("statestore", "other", Arg.Any<StateOptions>(), Arg.Any<IReadOnlyDictionary<string, string>>(), Arg.Any<CancellationToken>());
    }
}
