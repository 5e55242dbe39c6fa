namespace HushRyd.Gateway.RateLimiting;

/// <summary>What the lease script answered.</summary>
/// <param name="Granted">Whether the permits were added to the shared log.</param>
/// <param name="CountBefore">Permits counted in the window before the lease was added.</param>
/// <param name="OldestMs">When the oldest entry was dated once the lease was added; meaningful only when granted.</param>
public readonly record struct PermitLeaseGrant(bool Granted, long CountBefore, long OldestMs);
