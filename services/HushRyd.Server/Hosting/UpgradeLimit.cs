using System.Globalization;
using System.Text.RegularExpressions;
using HushRyd.Platform.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HushRyd.Server.Hosting;

/// <summary>
/// Each WebSocket holds a file descriptor for as long as it lasts. At the process's open-file limit Kestrel cannot accept,
/// the runtime cannot start a thread, and the process aborts; so upgrades are capped below the limit (Kestrel's
/// MaxConcurrentUpgradedConnections, unless Kestrel:Limits sets it) and one past the cap gets a 503 instead. A socket that
/// takes its connection over from the request (<see cref="ITransportHandoverFeature"/>) counts until it closes, though
/// Kestrel stops counting it when the request ends.
/// </summary>
public static partial class UpgradeLimit
{
    /// <summary>Descriptors kept for everything else: an idle server holds about 220, plus Redis, SQLite and plain HTTP connections.</summary>
    public const int MinimumHeadroom = 512;

    private const string LimitsFile = "/proc/self/limits";

    /// <summary>The soft open-file limit minus a tenth of it (at least <see cref="MinimumHeadroom"/>); null when unlimited or unknown.</summary>
    public static int? FromLimitsText(string limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var match = OpenFilesLine().Match(limits);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var soft))
        {
            return null;
        }

        return Math.Max(soft - Math.Max(MinimumHeadroom, soft / 10), 1);
    }

    public static int? ForThisProcess() => File.Exists(LimitsFile) ? FromLimitsText(File.ReadAllText(LimitsFile)) : null;

    public static void AddUpgradeLimit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
            kestrel.Limits.MaxConcurrentUpgradedConnections ??= ForThisProcess();
        });
    }

    /// <summary>Refuses an upgrade past the cap with 503 and Retry-After before Kestrel would fail it.</summary>
    public static void UseUpgradeLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxConcurrentUpgradedConnections is not { } limit)
        {
            return;
        }

        var held = new HeldUpgrades(limit);

        // Judged by the request's headers: at Kestrel's own cap the request no longer counts as upgradable, and would
        // fail further in. Not an async lambda: every other request goes straight on without a state machine.
        app.Use(next => context => context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
            ? HoldAsync(context, next, held, limit)
            : next(context));
    }

    private static async Task HoldAsync(HttpContext context, RequestDelegate next, HeldUpgrades held, long limit)
    {
        if (!held.TryEnter())
        {
            context.Response.Headers.RetryAfter = "5";
            await TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Too many connections",
                detail: $"This server holds its maximum of {limit} WebSocket connections; retry shortly, or another node will take you.").ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            // A socket that took its connection over from the request still holds its descriptor after the request.
            if (context.Features.Get<ITransportHandoverFeature>() is { IsTakenOver: true } handover)
            {
                handover.OnReleased(held.Exit);
            }
            else
            {
                held.Exit();
            }
        }
    }

    [GeneratedRegex(@"^Max open files\s+(\d+)\s", RegexOptions.Multiline)]
    private static partial Regex OpenFilesLine();

    private sealed class HeldUpgrades(long limit)
    {
        private long _held;

        public bool TryEnter()
        {
            if (Interlocked.Increment(ref _held) <= limit)
            {
                return true;
            }

            Exit();
            return false;
        }

        public void Exit() => Interlocked.Decrement(ref _held);
    }
}
