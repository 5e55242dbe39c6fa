namespace HushRyd.Platform.Trips;

/// <summary>
/// The car a trip runs in, as its driver gave it when offering the trip: what a passenger, her trusted contacts and the
/// safety desk need to pick it out on the road. <see cref="Registration"/> is normalised ("KA 01 AB 1234", "22 BH 1234 AA").
/// </summary>
public sealed record TripVehicle(string Registration, string MakeModel, string Colour)
{
    /// <summary>What the SOS messages and the desk say when a trip has no vehicle on record.</summary>
    public const string NotGiven = "not given";

    /// <summary>One line for a message: "KA 01 AB 1234, white Maruti Swift".</summary>
    public string Describe() => $"{Registration}, {Colour} {MakeModel}";

    public static string Describe(TripVehicle? vehicle) => vehicle?.Describe() ?? NotGiven;
}
