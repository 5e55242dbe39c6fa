using Microsoft.Extensions.Hosting;

namespace HushRyd.Platform.Modules;

/// <summary>Lets a module pick its adapters (SQLite or MongoDB) for the runtime the server chose.</summary>
public static class RuntimeKindExtensions
{
    public static void SetRuntimeKind(this IHostApplicationBuilder builder, RuntimeKind runtime)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Properties[typeof(RuntimeKind)] = runtime;
    }

    public static RuntimeKind GetRuntimeKind(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Properties.TryGetValue(typeof(RuntimeKind), out var runtime) ? (RuntimeKind)runtime : RuntimeKind.Embedded;
    }
}
