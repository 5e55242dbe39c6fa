namespace HushRyd.Server.Admin;

public sealed class AdminNetworkOptions
{
    public const string SectionName = "Admin";

    /// <summary>CIDR ranges allowed to reach /admin; loopback only unless an operator widens it.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public static readonly string[] DefaultNetworks = ["127.0.0.0/8", "::1/128"];
}
