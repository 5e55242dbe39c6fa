using System.Net.Mail;
using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Trips.TrustedContacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Trips.Api;

public static class TrustedContactEndpoints
{
    public static void MapTrustedContactEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/users/me/trusted-contacts").WithTags("Users").RequireAuthorization();
        group.MapGet("/", GetAsync).WithSummary("The people told of your trips and SOS alerts");
        group.MapPut("/", ReplaceAsync).WithSummary($"Replace your trusted contacts (at most {TripRules.MaxTrustedContacts})");
    }

    private static async Task<Results<Ok<TrustedContact[]>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, ITrustedContactRepository contacts, CancellationToken cancellationToken) =>
        user.UserId() is { } userId
            ? TypedResults.Ok((await contacts.GetAsync(userId, cancellationToken)).ToArray())
            : Problems.Forbidden("Trusted contacts belong to users; API keys have none.");

    private static async Task<Results<Ok<TrustedContact[]>, ProblemHttpResult>> ReplaceAsync(
        TrustedContactRequest[] request, ClaimsPrincipal user, ITrustedContactRepository contacts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return Problems.Forbidden("Trusted contacts belong to users; API keys have none.");
        }

        if (request.Length > TripRules.MaxTrustedContacts)
        {
            return Problems.Validation("contacts", $"At most {TripRules.MaxTrustedContacts} trusted contacts.");
        }

        var accepted = new List<TrustedContact>(request.Length);
        for (var i = 0; i < request.Length; i++)
        {
            if (Check(request[i], $"[{i}].") is { } invalid)
            {
                return invalid;
            }

            var contact = new TrustedContact(request[i].Name!.Trim(), request[i].Phone!, string.IsNullOrWhiteSpace(request[i].Email) ? null : request[i].Email!.Trim());
            if (accepted.Exists(c => c.Phone == contact.Phone))
            {
                return Problems.Validation($"[{i}].phone", "This phone is already in the list.");
            }

            accepted.Add(contact);
        }

        await contacts.SaveAsync(userId, accepted, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(accepted.ToArray());
    }

    private static ProblemHttpResult? Check(TrustedContactRequest? contact, string prefix)
    {
        if (contact is null)
        {
            return Problems.Validation(prefix.TrimEnd('.'), "Give name, phone and optionally email.");
        }

        if (string.IsNullOrWhiteSpace(contact.Name) || contact.Name.Trim().Length > 80)
        {
            return Problems.Validation($"{prefix}name", "Give a name of at most 80 characters.");
        }

        if (!PhoneNumber.IsE164(contact.Phone))
        {
            return Problems.Validation($"{prefix}phone", PhoneNumber.FormatHint);
        }

        return string.IsNullOrWhiteSpace(contact.Email) || (contact.Email.Length <= 254 && MailAddress.TryCreate(contact.Email.Trim(), out var address) && address.Address == contact.Email.Trim())
            ? null
            : Problems.Validation($"{prefix}email", "Give a valid email address or leave it out.");
    }
}
