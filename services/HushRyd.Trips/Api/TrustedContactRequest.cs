namespace HushRyd.Trips.Api;

public sealed record TrustedContactRequest(string? Name, string? Phone, string? Email);
