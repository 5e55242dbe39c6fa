namespace HushRyd.Trips.Sharing;

public enum ShareRefusal
{
    None,
    TripNotFound,
    NotAllowed,
    TripEnded,
}

/// <summary>A new link's token and stored record, or why none was made.</summary>
public sealed record ShareCreation(ShareRefusal Refusal, string? Token, ShareLink? Link)
{
    public static ShareCreation Created(string token, ShareLink link) => new(ShareRefusal.None, token, link);

    public static ShareCreation Refused(ShareRefusal refusal) => new(refusal, null, null);
}
