namespace HushRyd.Trips.TrustedContacts;

/// <summary>Someone a user trusts to follow their trips and be told of an SOS.</summary>
public sealed record TrustedContact(string Name, string Phone, string? Email);
