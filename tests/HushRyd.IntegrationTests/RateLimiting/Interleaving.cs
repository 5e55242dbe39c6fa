namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>How many requests each principal makes, and the order they arrive in (principal indexes).</summary>
public sealed record Interleaving(int[] Requests, int[] Order)
{
    public override string ToString() => $"requests [{string.Join(", ", Requests)}] arriving as [{string.Join(" ", Order)}]";
}
