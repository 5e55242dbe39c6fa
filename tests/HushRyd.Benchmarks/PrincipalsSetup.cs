namespace HushRyd.Benchmarks;

/// <summary>How a many-principals run was set up: what its report's first paragraph states.</summary>
internal sealed record PrincipalsSetup(int Principals, int Seconds, int Connections, int WarmUp, string Store);
