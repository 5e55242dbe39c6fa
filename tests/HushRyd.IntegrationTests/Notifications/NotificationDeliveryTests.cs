using System.Diagnostics.Metrics;
using HushRyd.Notifications;
using HushRyd.Notifications.Providers;
using Microsoft.Extensions.DependencyInjection;
using HushRyd.Platform.Notifications;
using HushRyd.Testing;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Notifications;

public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IHost _host = null!;
    private SmsRun _run = null!;

    public async Task InitializeAsync()
    {
        _host = await NotificationHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["Notifications:Queues:MaxAttempts:Normal"] = "2",
            ["Notifications:Providers:twilio:Threshold"] = "3",
            // Long enough that the outage's five sends fit inside it on a loaded machine; the recovery waits for it to pass.
            ["Notifications:Providers:twilio:ResetTimeout"] = "00:00:03",
        });
        _run = new SmsRun(_host);
    }

    [Fact]
    public async Task An_added_job_is_sent_once_by_the_primary_and_completed_with_the_providers_message_id()
    {
        var job = await _run.SendOneAsync(1);

        var sent = Assert.Single(await _run.OutboxAsync());
        Assert.Equal((JobStatus.Completed, ProviderNames.Twilio, 1), (job.Status, job.Provider, job.Attempts));
        Assert.Equal(job.ProviderMessageId, sent.MessageId);
        Assert.Equal((SmsRun.Sms(1).To, SmsRun.Sms(1).Body, job.Id), (sent.To, sent.Body, sent.IdempotencyKey));
    }

    [Fact]
    public async Task Adding_again_with_the_same_dedupe_key_returns_the_first_job()
    {
        var first = await _run.Queue.AddCriticalAsync(SmsRun.Sms(2), "sos:alert-1");
        var again = await _run.Queue.AddCriticalAsync(SmsRun.Sms(2), "sos:alert-1");

        Assert.Equal(first.Id, again.Id);
        await _run.EndedAsync([first]);
        Assert.Single(await _run.OutboxAsync());
    }

    [Fact]
    public async Task A_job_every_provider_refuses_is_failed_after_its_priority_maximum_and_an_admins_retry_sends_it()
    {
        _run.Faults.Set(ProviderNames.Twilio, 1);
        _run.Faults.Set(ProviderNames.Msg91, 1);
        var job = (await _run.EndedAsync([await _run.Queue.AddNormalAsync(SmsRun.Sms(3))]))[0];

        Assert.Equal((JobStatus.Failed, 2), (job.Status, job.Attempts));
        Assert.Contains("msg91", job.LastError, StringComparison.Ordinal);
        Assert.Equal([job.Id], (await _run.Store.FailedAsync(NotificationChannelKind.Sms, 10, CancellationToken.None)).Select(j => j.Id));

        _run.Faults.Set(ProviderNames.Msg91, 0);
        Assert.Equal(JobStatus.Waiting, (await _run.Queue.RetryFailedAsync(NotificationChannelKind.Sms, job.Id, CancellationToken.None))!.Status);
        var retried = (await _run.EndedAsync([job]))[0];

        Assert.Equal((JobStatus.Completed, ProviderNames.Msg91, 1), (retried.Status, retried.Provider, retried.Attempts));
    }

    [Fact]
    public async Task The_primarys_breaker_opens_after_its_threshold_of_failures_sends_go_to_the_fallback_and_it_closes_once_the_primary_recovers()
    {
        _run.Faults.Set(ProviderNames.Twilio, 1);
        var duringOutage = new List<NotificationJob>();
        for (var n = 0; n < 5; n++)
        {
            duringOutage.Add(await _run.SendOneAsync(10 + n));
        }

        Assert.Equal(Polly.CircuitBreaker.CircuitState.Open, _run.Breaker(ProviderNames.Twilio).State);
        Assert.Equal((1, 0), (CircuitOpenGauge()[ProviderNames.Twilio], CircuitOpenGauge()[ProviderNames.Msg91]));
        Assert.All(duringOutage, job => Assert.Equal((JobStatus.Completed, ProviderNames.Msg91, 1), (job.Status, job.Provider, job.Attempts)));

        // Three sends reached Twilio and failed; the other two were not even tried while its circuit was open.
        Assert.All(duringOutage.Take(3), job => Assert.StartsWith("twilio: ProviderUnavailableException", job.LastError, StringComparison.Ordinal));
        Assert.All(duringOutage.Skip(3), job => Assert.Equal("twilio: circuit open", job.LastError));

        _run.Faults.Set(ProviderNames.Twilio, 0);
        var probing = await Eventually.HoldsAsync(() => Task.FromResult(_run.Breaker(ProviderNames.Twilio).State == Polly.CircuitBreaker.CircuitState.HalfOpen), TimeSpan.FromSeconds(10));
        var recovered = await _run.SendOneAsync(20);

        Assert.True(probing, "the circuit let a probe through once its reset timeout passed");
        Assert.Equal(ProviderNames.Twilio, recovered.Provider);
        Assert.Equal(Polly.CircuitBreaker.CircuitState.Closed, _run.Breaker(ProviderNames.Twilio).State);
    }

    /// <summary>The breaker gauge as a metrics exporter reads it, from this host's meter only.</summary>
    private Dictionary<string, int> CircuitOpenGauge()
    {
        var meter = _host.Services.GetRequiredService<NotificationMetrics>().Meter;
        var values = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "hushryd.notifications.provider.circuit_open")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => values[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _data.Dispose();
    }
}
