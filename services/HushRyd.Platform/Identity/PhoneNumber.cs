using System.Text.RegularExpressions;

namespace HushRyd.Platform.Identity;

public static partial class PhoneNumber
{
    /// <summary>What to tell a caller whose phone is not E.164.</summary>
    public const string FormatHint = "Use E.164, e.g. +919812345678.";

    /// <summary>E.164: a plus, a country code not starting with 0, up to 15 digits in all.</summary>
    public static bool IsE164(string? phone) => phone is not null && E164().IsMatch(phone);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
