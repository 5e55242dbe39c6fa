namespace HushRyd.Platform.Hosting;

/// <summary>
/// Work that must finish before the server accepts traffic (start embedded stores, migrate schemas,
/// connect to dependencies). Runs once, in registration order; a <see cref="StartupException"/> stops the server.
/// </summary>
public interface IStartupTask
{
    Task StartAsync(CancellationToken cancellationToken);
}
