using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HushRyd.Platform.Http;

/// <summary>The problem+json answers every module gives, so clients see one shape per status.</summary>
public static class Problems
{
    /// <summary>A 400 naming the offending field, in the validation-problem shape clients already parse.</summary>
    public static ProblemHttpResult Validation(string field, string message) =>
        TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = $"Invalid {field}",
            Detail = message,
        });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
