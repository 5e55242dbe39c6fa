using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Gateway.ApiKeys;
using HushRyd.Gateway.Identity;
using HushRyd.Gateway.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Gateway;

public static class AdminEndpoints
{
    public static void MapGatewayAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").RequireAuthorization(GatewayModule.AdminPolicy).WithTags("Admin");
        admin.MapPut("/users/{userId}/roles", SetRolesAsync).WithSummary("Replace a user's roles");
        admin.MapPost("/api-keys", CreateApiKeyAsync).WithSummary("Create an API key; the secret is shown once");
        admin.MapPost("/api-keys/{keyId}/rotate", RotateApiKeyAsync).WithSummary("Issue a new secret; the old one keeps working for the rotation window");
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetRolesAsync(string userId, RolesRequest request, IUserRepository users, CancellationToken cancellationToken)
    {
        if (request.Roles is not { Length: > 0 } roles || roles.Any(r => !Roles.All.Contains(r)))
        {
            return Problems.Validation("roles", $"Give one or more of: {string.Join(", ", Roles.All)}.");
        }

        var user = await users.SetRolesAsync(userId, roles.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        return user is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found") : TypedResults.Ok(UserView.From(user));
    }

    private static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult>> CreateApiKeyAsync(CreateApiKeyRequest request, ApiKeyService apiKeys, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return Problems.Validation("name", "Name the partner or service, at most 100 characters.");
        }

        if (!Enum.TryParse<RateLimitTier>(request.Tier ?? nameof(RateLimitTier.Authenticated), ignoreCase: true, out var tier) || !Enum.IsDefined(tier))
        {
            return Problems.Validation("tier", "Use default, authenticated or premium.");
        }

        if (request.Scopes?.FirstOrDefault(s => !ApiKeyScopes.All.Contains(s)) is { } unknown)
        {
            return Problems.Validation("scopes", $"'{unknown}' is not a scope; use any of: {string.Join(", ", ApiKeyScopes.All)}.");
        }

        var (record, secret) = await apiKeys.CreateAsync(request.Name, tier, [.. (request.Scopes ?? []).Distinct(StringComparer.Ordinal)], cancellationToken);
        return TypedResults.Created($"/admin/v1/api-keys/{record.KeyId}", ApiKeyIssued.From(record, secret));
    }

    private static async Task<Results<Ok<ApiKeyIssued>, ProblemHttpResult>> RotateApiKeyAsync(string keyId, ApiKeyService apiKeys, CancellationToken cancellationToken)
    {
        var rotated = await apiKeys.RotateAsync(keyId, cancellationToken);
        return rotated is { } issued
            ? TypedResults.Ok(ApiKeyIssued.From(issued.Record, issued.Secret))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found");
    }

    public sealed record RolesRequest(string[]? Roles);

    public sealed record CreateApiKeyRequest(string? Name, string? Tier, string[]? Scopes);

    public sealed record ApiKeyIssued(string KeyId, string Name, string Tier, IReadOnlyList<string> Scopes, string Secret, DateTimeOffset? PreviousSecretValidUntil)
    {
        public static ApiKeyIssued From(ApiKeyRecord record, string secret) =>
            new(record.KeyId, record.Name, record.Tier.ToString().ToLowerInvariant(), record.Scopes ?? [], secret, record.PreviousValidUntil);
    }
}
