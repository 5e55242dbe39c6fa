using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.Client;
using HushRyd.Platform.Events;
using HushRyd.Server.Diagnostics;
using HushRyd.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using HushRyd.Runtime.Dapr.Mongo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace HushRyd.IntegrationTests.Dapr;

/// <summary>
/// The app side of the sidecar protocol, through the real server composition in Dapr mode: what
/// /dapr/subscribe declares, and how CloudEvents the sidecar delivers reach handlers.
/// </summary>
public sealed class DaprSidecarProtocolTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly DaprClient _dapr = Substitute.For<DaprClient>();
    private TestRedis _redis = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync(RedisBackend.Garnet);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("HushRyd:Runtime", "dapr");
            web.UseSetting("HushRyd:DataDir", _directory.Path);
            web.UseSetting("Redis:ConnectionString", _redis.ConnectionString);

            // In production signing keys come from the secret store; here the state store is a test double.
            web.UseSetting("Auth:SigningKeys:0:Id", "test");
            web.UseSetting("Auth:SigningKeys:0:Key", Convert.ToBase64String(new byte[32]));
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton(_dapr);

                // No mongod here: index bootstrap is covered by the Mongo tests where a server exists.
                services.RemoveAll<IMongoIndexBootstrapper>();
            });
        });
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task Subscribe_declares_every_topic_with_its_dead_letter_topic_on_the_pubsub_component()
    {
        using var subscriptions = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/dapr/subscribe", UriKind.Relative)));

        var topics = subscriptions.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("topic").GetString()!);
        var probe = topics["DiagnosticProbeSent"];
        Assert.Equal("pubsub", probe.GetProperty("pubsubName").GetString());
        Assert.Equal("events/DiagnosticProbeSent", probe.GetProperty("route").GetString());
        Assert.Equal("DiagnosticProbeSent.deadletter", probe.GetProperty("deadLetterTopic").GetString());
        Assert.Equal("events/DiagnosticProbeSent.deadletter", topics["DiagnosticProbeSent.deadletter"].GetProperty("route").GetString());
    }

    [Fact]
    public async Task A_cloud_event_from_the_sidecar_is_unwrapped_and_handled()
    {
        var probeId = Guid.NewGuid();

        using var response = await _client.PostAsync(new Uri("/events/DiagnosticProbeSent", UriKind.Relative), CloudEvent(probeId, "from the sidecar"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _dapr.Received(1).TrySaveStateAsync(
            "statestore",
            DiagnosticProbeRecorder.Key(probeId),
            Arg.Is<DiagnosticProbeDelivery>(d => d.ProbeId == probeId && d.Note == "from the sidecar"),
            string.Empty,
            Arg.Any<StateOptions>(),
            Arg.Any<IReadOnlyDictionary<string, string>>(),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_handler_failure_answers_non_success_so_the_sidecar_retries_then_dead_letters()
    {
        _dapr.TrySaveStateAsync<DiagnosticProbeDelivery>(default!, default!, default!, default!, default, default, default)
            .ThrowsAsyncForAnyArgs(new global::Dapr.DaprException("state store down"));

        using var response = await _client.PostAsync(new Uri("/events/DiagnosticProbeSent", UriKind.Relative), CloudEvent(Guid.NewGuid(), null));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unreadable_payload_is_a_client_error_with_problem_details()
    {
        using var body = new StringContent("""{"specversion":"1.0","type":"x","source":"y","id":"1","datacontenttype":"application/json","data":{"id":"not-a-guid"}}""", Encoding.UTF8, "application/cloudevents+json");

        using var response = await _client.PostAsync(new Uri("/events/DiagnosticProbeSent", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_dead_lettered_event_is_kept_in_the_state_store_under_its_topic_and_id()
    {
        var probeId = Guid.NewGuid();

        using var response = await _client.PostAsync(new Uri("/events/DiagnosticProbeSent.deadletter", UriKind.Relative), CloudEvent(probeId, "lost?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _dapr.Received(1).SaveStateAsync(
            "statestore",
            $"deadletter:DiagnosticProbeSent:{probeId}",
            Arg.Any<JsonElement>(),
            Arg.Any<StateOptions>(),
            Arg.Any<IReadOnlyDictionary<string, string>>(),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_event_bus_of_the_dapr_runtime_publishes_through_the_sidecar()
    {
        await _factory.Services.GetRequiredService<IEventBus>().PublishAsync(new DiagnosticProbeSent("dapr"));

        await _dapr.Received(1).PublishEventAsync<object>("pubsub", "DiagnosticProbeSent", Arg.Is<object>(o => ((DiagnosticProbeSent)o).Note == "dapr"), Arg.Any<CancellationToken>());
    }

    private static StringContent CloudEvent(Guid id, string? note) => new(
        JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "com.dapr.event.sent",
            source = "hushryd",
            id = Guid.NewGuid().ToString(),
            datacontenttype = "application/json",
            data = new { id, occurredAt = DateTimeOffset.UtcNow, note },
        }),
        Encoding.UTF8,
        "application/cloudevents+json");

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _redis.DisposeAsync();
        _directory.Dispose();
    }
}
