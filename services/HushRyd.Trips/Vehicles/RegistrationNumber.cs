using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HushRyd.Trips.Vehicles;

/// <summary>
/// Indian registration numbers as drivers type them ("ka01ab1234", "KA-01-AB-1234", "22 BH 1234 AA"), normalised to the
/// plate's groups in upper case with single spaces. Two forms are accepted: the state series (state code, RTO district,
/// one to three series letters, number) and the Bharat series (year, BH, number, one or two letters). The number is
/// written with its four digits, as the plate shows it ("KA01AB123" is "KA 01 AB 0123").
/// </summary>
public static partial class RegistrationNumber
{
    /// <summary>Longer input cannot be a plate, whatever its spacing.</summary>
    public const int MaxInputLength = 20;

    public const string Example = "KA 01 AB 1234 or 22 BH 1234 AA";

    /// <summary>
    /// State and union-territory codes in use on plates, including the retired ones still on the road
    /// (OR, UA, DD, DN) and Telangana's TG beside TS.
    /// </summary>
    public static readonly FrozenSet<string> StateCodes = FrozenSet.ToFrozenSet(
    [
        "AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DL", "DN", "GA", "GJ", "HP", "HR", "JH", "JK", "KA", "KL", "LA", "LD",
        "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TG", "TN", "TR", "TS", "UA", "UK", "UP", "WB",
    ]);

    /// <summary>The normalised plate, or null when <paramref name="input"/> is not an Indian registration number.</summary>
    public static string? Normalise(string? input)
    {
        if (input is null || input.Length > MaxInputLength || Compact(input) is not { } compact)
        {
            return null;
        }

        if (BharatSeries().Match(compact) is { Success: true } bharat)
        {
            return Number(bharat.Groups["number"].Value) is { } number
                ? $"{bharat.Groups["year"].Value} BH {number} {bharat.Groups["letters"].Value}"
                : null;
        }

        if (StateSeries().Match(compact) is { Success: true } state && StateCodes.Contains(state.Groups["state"].Value))
        {
            return Number(state.Groups["number"].Value) is { } number
                ? $"{state.Groups["state"].Value} {state.Groups["district"].Value} {state.Groups["series"].Value} {number}"
                : null;
        }

        return null;
    }

    /// <summary>Upper-case letters and digits only; spaces and hyphens between groups are dropped, anything else refuses.</summary>
    private static string? Compact(string input)
    {
        var compact = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact.Append(char.ToUpperInvariant(c));
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return compact.ToString();
    }

    /// <summary>The plate's four digits; 0000 is never issued.</summary>
    private static string? Number(string digits)
    {
        var value = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return value == 0 ? null : value.ToString("0000", CultureInfo.InvariantCulture);
    }

    // The series needs at least one letter: it is what separates the district's digits from the number's. Delhi's
    // category letter ("DL 3C AB 1234") is read as the first series letter ("DL 3 CAB 1234"): the same characters.
    [GeneratedRegex("^(?<state>[A-Z]{2})(?<district>[0-9]{1,2})(?<series>[A-Z]{1,3})(?<number>[0-9]{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex StateSeries();

    [GeneratedRegex("^(?<year>[0-9]{2})BH(?<number>[0-9]{1,4})(?<letters>[A-Z]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex BharatSeries();
}
