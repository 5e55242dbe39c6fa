using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HushRyd.Runtime.Embedded.Workflows.Sidecar;

/// <summary>Runs <see cref="DaprWireCompatibility"/> on orchestration completions before gRPC routing reads them.</summary>
internal sealed class DaprWireCompatibilityMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path == DaprWireCompatibility.CompleteWorkflowTaskPath)
        {
            context.Request.Path = DaprWireCompatibility.CompleteOrchestratorTaskPath;
        }

        if (context.Request.Path == DaprWireCompatibility.CompleteOrchestratorTaskPath)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            context.Request.Body = new MemoryStream(DaprWireCompatibility.RewriteCompletionFrame(body.ToArray()), writable: false);

            // gRPC reads the body through the pipe feature; point it at the rewritten stream.
            context.Features.Set<IRequestBodyPipeFeature>(new RequestBodyPipeFeature(context));
        }

        await next(context).ConfigureAwait(false);
    }
}
