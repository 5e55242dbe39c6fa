using FsCheck;
using FsCheck.Fluent;
using HushRyd.Gateway.ApiKeys;
using HushRyd.Gateway.Identity;
using HushRyd.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.Gateway;

/// <summary>Seed Property 6: around a rotation, valid old or new secrets never fail inside the window; old ones always fail after it.</summary>
public class ApiKeyRotationTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Any_request_sequence_around_a_rotation_fails_only_old_secrets_after_the_window(RedisBackend backend)
    {
        await using var stores = await GatewayStores.StartAsync(backend);
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        var service = Service(stores, time);

        // Each request: seconds relative to the rotation (-120 .. 599) and whether it uses the old secret.
        var requests = Gen.Choose(-120, 599).Zip(Gen.Elements(true, false)).ListOf().Where(list => list.Count is > 0 and <= 12);
        Prop.ForAll(requests.ToArbitrary(), sequence => Check(service, time, sequence).GetAwaiter().GetResult())
            .QuickCheckThrowOnFailure();
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_rotation_reaches_every_instance_at_once_through_the_shared_cache(RedisBackend backend)
    {
        await using var stores = await GatewayStores.StartAsync(backend);
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var (first, second) = (Service(stores, time), Service(stores, time));

        var (record, oldSecret) = await first.CreateAsync("partner", RateLimitTier.Premium, [], CancellationToken.None);
        Assert.NotNull(await second.ValidateAsync(oldSecret, CancellationToken.None));
        var (_, newSecret) = (await first.RotateAsync(record.KeyId, CancellationToken.None))!.Value;
        time.Advance(Window + TimeSpan.FromSeconds(1));

        Assert.Null(await second.ValidateAsync(oldSecret, CancellationToken.None));
        Assert.Equal(RateLimitTier.Premium, (await second.ValidateAsync(newSecret, CancellationToken.None))!.Tier);
        Assert.Null(await second.ValidateAsync("hr_" + record.KeyId + "_forged", CancellationToken.None));
        Assert.Null(await second.ValidateAsync("not-a-key", CancellationToken.None));
    }

    /// <summary>One gateway instance's view; several share the host's stores, as instances share Redis and the database.</summary>
    private static ApiKeyService Service(GatewayStores stores, TimeProvider time) =>
        new(
            stores.State,
            stores.Connection,
            Options.Create(new AuthOptions { ApiKeyRotationWindow = Window }),
            time,
            NullLogger<ApiKeyService>.Instance);

    private static async Task<bool> Check(ApiKeyService service, ManualTimeProvider time, IReadOnlyList<(int Seconds, bool UsesOld)> sequence)
    {
        var rotationAt = time.GetUtcNow() + TimeSpan.FromSeconds(121);
        var (record, oldSecret) = await service.CreateAsync("partner", RateLimitTier.Authenticated, [], CancellationToken.None);
        string? newSecret = null;
        foreach (var (seconds, usesOld) in sequence.OrderBy(r => r.Seconds))
        {
            var at = rotationAt + TimeSpan.FromSeconds(seconds);
            if (newSecret is null && seconds >= 0)
            {
                time.Set(rotationAt);
                newSecret = (await service.RotateAsync(record.KeyId, CancellationToken.None))!.Value.Secret;
            }

            time.Set(at);
            var secret = usesOld || newSecret is null ? oldSecret : newSecret;
            var accepted = await service.ValidateAsync(secret, CancellationToken.None) is not null;
            var expected = secret != oldSecret || seconds < Window.TotalSeconds;
            if (accepted != expected)
            {
                return false;
            }
        }

        time.Set(rotationAt + TimeSpan.FromMinutes(20));
        return true;
    }
}
