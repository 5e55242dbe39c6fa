namespace HushRyd.IntegrationTests.RateLimiting;

/// <param name="Principal">Index of the principal that sends this request.</param>
/// <param name="Instance">Index of the gateway instance it reaches.</param>
/// <param name="AdvanceMs">How far the shared clock moves before it arrives.</param>
public sealed record LeaseStepPlan(int Principal, int Instance, int AdvanceMs);

/// <summary>Principal 0 sends more than its limit; the others stay below what leases can ever hold back.</summary>
public sealed record LeaseSchedule(int Instances, LeaseStepPlan[] Steps)
{
    public bool ClockStandsStill => Steps.All(step => step.AdvanceMs == 0);

    public override string ToString() =>
        $"{Instances} instances: {string.Join(" ", Steps.Select(s => $"p{s.Principal}@i{s.Instance}+{s.AdvanceMs}ms"))}";
}
