using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Server.Admin;

/// <summary>The dev outbox: where SMS, email and push go until real providers are configured, readable by admins.</summary>
public static class OutboxEndpoints
{
    public static IHostApplicationBuilder AddDevOutbox(this IHostApplicationBuilder builder, string dataDirectory)
    {
        builder.Services.Configure<EmbeddedRuntimeOptions>(options => options.DataDirectory = dataDirectory);
        builder.Services.AddSingleton<DevOutbox>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/v1/outbox", ReadAsync).WithTags("Admin").WithSummary("Messages the dev outbox holds, newest first");
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<OutboxEntry>>, ProblemHttpResult>> ReadAsync(DevOutbox outbox, string? channel, string? to, int? limit, CancellationToken cancellationToken)
    {
        NotificationChannelKind? kind = null;
        if (channel is not null)
        {
            if (!Enum.TryParse<NotificationChannelKind>(channel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid channel", detail: "Use sms, email or push.");
            }

            kind = parsed;
        }

        return TypedResults.Ok(await outbox.ReadAsync(kind, to, Math.Clamp(limit ?? 50, 1, 500), cancellationToken));
    }
}
