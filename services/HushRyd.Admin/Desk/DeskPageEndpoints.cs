using System.Text;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Admin.Desk;

/// <summary>
/// The desk's pages: <c>/admin/</c> (SOS desk and operations, one page) and its script and style for admins only, and
/// the sign-in form, which shows nothing but asks for the phone and the code.
/// </summary>
public static class DeskPageEndpoints
{
    /// <summary>Also answers <c>/admin</c>: routing ignores a trailing slash.</summary>
    public const string DeskPath = "/admin/";
    private const string DeskPage = "desk.html";
    private const string SignInPage = "sign-in.html";

    public static void MapDeskPages(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(string.Empty).RequireAuthorization(policy => policy.RequireRole(Roles.Admin)).WithTags("Admin desk").ExcludeFromDescription();
        admin.MapGet(DeskPath, (DeskAssets assets, HttpResponse response) =>
        {
            DeskPageHeaders.ApplyToDesk(response);
            return TypedResults.Bytes(assets.Require(DeskPage).Content, assets.Require(DeskPage).ContentType);
        });
        admin.MapGet("/admin/assets/{name}", Asset);
        endpoints.MapGet(DeskSession.SignInPath, (DeskAssets assets, HttpResponse response) =>
        {
            var nonce = DeskPageHeaders.ApplyToSignIn(response);
            var page = Encoding.UTF8.GetString(assets.Require(SignInPage).Content).Replace("{{nonce}}", nonce, StringComparison.Ordinal);
            return TypedResults.Content(page, assets.Require(SignInPage).ContentType);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult, NotFound> Asset(string name, DeskAssets assets, HttpRequest request, HttpResponse response)
    {
        if (name.EndsWith(".html", StringComparison.Ordinal) || assets.Find(name) is not { } asset)
        {
            return TypedResults.NotFound();
        }

        // Revalidated every time: a new build's script reaches the desk on its next load, an unchanged one costs a 304.
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.ETag = asset.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        return request.Headers.IfNoneMatch == asset.ETag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.File(asset.Content, asset.ContentType);
    }
}
