using HushRyd.IntegrationTests.Events;
using HushRyd.Platform.State;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.State;

public sealed class SqliteStateStoreTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private IHost _host = null!;
    private IStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _host = await EmbeddedRuntimeHost.StartAsync(_directory.Path, _ => { });
        _store = _host.Services.GetRequiredService<IStateStore>();
    }

    [Fact]
    public async Task A_missing_key_reads_as_null()
    {
        Assert.Null(await _store.GetAsync<Session>("session:nobody"));
    }

    [Fact]
    public async Task A_saved_value_reads_back_with_an_etag_that_changes_on_every_write()
    {
        await _store.SaveAsync("session:u1", new Session("u1", "passenger"));
        var first = await _store.GetAsync<Session>("session:u1");
        await _store.SaveAsync("session:u1", new Session("u1", "driver"));
        var second = await _store.GetAsync<Session>("session:u1");

        Assert.Equal(new Session("u1", "passenger"), first!.Value);
        Assert.Equal(new Session("u1", "driver"), second!.Value);
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task Of_many_concurrent_first_writes_exactly_one_wins()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => _store.TryAddAsync("sos:idem:k1", new Session($"u{n}", "passenger"))));

        Assert.Equal(1, attempts.Count(won => won));
        var stored = await _store.GetAsync<Session>("sos:idem:k1");
        Assert.Equal($"u{Array.IndexOf(attempts, true)}", stored!.Value.UserId);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        await _store.SaveAsync("trip:t1", new Session("u1", "passenger"));
        var read = await _store.GetAsync<Session>("trip:t1");
        Assert.True(await _store.TryUpdateAsync("trip:t1", new Session("u2", "passenger"), read!.ETag));

        Assert.False(await _store.TryUpdateAsync("trip:t1", new Session("u3", "passenger"), read.ETag));
        Assert.Equal("u2", (await _store.GetAsync<Session>("trip:t1"))!.Value.UserId);
    }

    [Fact]
    public async Task A_deleted_and_recreated_key_does_not_accept_the_old_etag()
    {
        await _store.SaveAsync("k", new Session("u1", "passenger"));
        var old = await _store.GetAsync<Session>("k");
        Assert.True(await _store.DeleteAsync("k", old!.ETag));
        await _store.SaveAsync("k", new Session("u2", "passenger"));

        Assert.False(await _store.TryUpdateAsync("k", new Session("u3", "passenger"), old.ETag));
        Assert.False(await _store.DeleteAsync("k", old.ETag));
        Assert.True(await _store.DeleteAsync("k"));
        Assert.Null(await _store.GetAsync<Session>("k"));
    }

    [Fact]
    public async Task An_entry_disappears_after_its_time_to_live_and_its_key_can_be_added_again()
    {
        Assert.True(await _store.TryAddAsync("otp:+919812345678", new Session("u1", "passenger"), TimeSpan.FromMilliseconds(150)));
        Assert.NotNull(await _store.GetAsync<Session>("otp:+919812345678"));
        Assert.False(await _store.TryAddAsync("otp:+919812345678", new Session("u2", "passenger")));

        await Task.Delay(300);

        Assert.Null(await _store.GetAsync<Session>("otp:+919812345678"));
        Assert.True(await _store.TryAddAsync("otp:+919812345678", new Session("u2", "passenger")));
    }

    [Fact]
    public async Task State_survives_a_restart_on_the_same_data_directory()
    {
        await _store.SaveAsync("durable", new Session("u9", "admin"));
        await _host.StopAsync();
        _host.Dispose();

        _host = await EmbeddedRuntimeHost.StartAsync(_directory.Path, _ => { });
        _store = _host.Services.GetRequiredService<IStateStore>();

        Assert.Equal(new Session("u9", "admin"), (await _store.GetAsync<Session>("durable"))!.Value);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _directory.Dispose();
    }

    private sealed record Session(string UserId, string Role);
}
