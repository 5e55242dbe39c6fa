using HushRyd.Server.Hosting;

return await ServerEntryPoint.RunAsync(args);

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
