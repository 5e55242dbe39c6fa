using System.Text.RegularExpressions;

namespace HushRyd.Platform.Identity;

public static partial class PhoneNumber
{
    /// <summary>E.164: a plus, a country code not starting with 0, up to 15 digits in all.</summary>
    public static bool IsE164(string? phone) => phone is not null && E164().IsMatch(phone);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
