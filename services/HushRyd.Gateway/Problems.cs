using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Gateway;

public static class Problems
{
    /// <summary>A 400 naming the offending field, in the validation-problem shape clients already parse.</summary>
    public static ProblemHttpResult Validation(string field, string message) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = $"Invalid {field}",
            Detail = message,
        });
}
