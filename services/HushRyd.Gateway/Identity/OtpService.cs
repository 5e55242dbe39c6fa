using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.State;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.Identity;

/// <summary>Six-digit codes by SMS: valid for a few minutes, a few attempts, one use.</summary>
public sealed class OtpService(IStateStore state, INotificationQueue notifications, IOptions<AuthOptions> options, TimeProvider time)
{
    public static string Key(string phone) => $"otp:{phone}";

    /// <returns>Null when sent; otherwise how long until another code may be requested.</returns>
    public async Task<TimeSpan?> SendAsync(string phone, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await state.GetAsync<OtpChallenge>(Key(phone), cancellationToken);
        if (pending is not null && now - pending.Value.IssuedAt < options.Value.OtpResendInterval)
        {
            return options.Value.OtpResendInterval - (now - pending.Value.IssuedAt);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var challenge = new OtpChallenge(Hash(phone, code), now, now + options.Value.OtpLifetime, 0);
        await state.SaveAsync(Key(phone), challenge, options.Value.OtpLifetime, cancellationToken);

        // The dedupe key names this one code, so a retried request cannot queue the same code twice.
        await notifications.AddHighPriorityAsync(MessageTemplates.Otp(phone, code, options.Value.OtpLifetime), $"otp:{phone}:{now.ToUnixTimeMilliseconds()}", cancellationToken);
        return null;
    }

    public async Task<OtpOutcome> VerifyAsync(string phone, string code, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = await state.GetAsync<OtpChallenge>(Key(phone), cancellationToken);
            if (entry is null || entry.Value.ExpiresAt <= time.GetUtcNow())
            {
                return OtpOutcome.NoPendingCode;
            }

            if (entry.Value.FailedAttempts >= options.Value.OtpMaxAttempts)
            {
                return OtpOutcome.TooManyAttempts;
            }

            if (CryptographicOperations.FixedTimeEquals(Convert.FromHexString(entry.Value.CodeHash), Convert.FromHexString(Hash(phone, code))))
            {
                // Deleting at the read ETag makes the code single-use even when two verifications race.
                return await state.DeleteAsync(Key(phone), entry.ETag, cancellationToken) ? OtpOutcome.Verified : OtpOutcome.NoPendingCode;
            }

            var failed = entry.Value with { FailedAttempts = entry.Value.FailedAttempts + 1 };
            if (await state.TryUpdateAsync(Key(phone), failed, entry.ETag, failed.ExpiresAt - time.GetUtcNow(), cancellationToken))
            {
                return failed.FailedAttempts >= options.Value.OtpMaxAttempts ? OtpOutcome.TooManyAttempts : OtpOutcome.WrongCode;
            }
        }
    }

    private static string Hash(string phone, string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{phone}:{code}")));
}
