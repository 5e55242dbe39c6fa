namespace HushRyd.Admin.Desk;

/// <summary>What the desk's script needs to call the API for the admin whose cookie loaded the page, and to say who that is.</summary>
public sealed record DeskSessionView(string AccessToken, string UserId, string? Phone);
