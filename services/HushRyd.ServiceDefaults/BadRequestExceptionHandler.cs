using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HushRyd.ServiceDefaults;

/// <summary>Client mistakes (malformed JSON, oversized bodies) keep their 4xx status instead of becoming a 500.</summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = Describe(badRequest),
        });
    }

    private static ProblemDetails Describe(BadHttpRequestException badRequest)
    {
        if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = badRequest.StatusCode, Title = "Request body too large", Detail = badRequest.Message };
        }

        // Malformed JSON: name where it broke, so a client can fix the field rather than guess.
        if (badRequest.InnerException is System.Text.Json.JsonException { Path: { } path } json)
        {
            var field = path.TrimStart('$', '.');
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field.Length == 0 ? "$" : field] = [json.Message] })
            {
                Status = badRequest.StatusCode,
                Title = "Malformed JSON",
                Detail = $"The request body is not valid JSON at '{path}'.",
            };
        }

        return new ProblemDetails { Status = badRequest.StatusCode, Title = "Bad request", Detail = badRequest.Message };
    }
}
