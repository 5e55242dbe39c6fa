using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HushRyd.Trips.Vehicles;

namespace HushRyd.UnitTests.Trips;

public sealed class RegistrationNumberTests
{
    [Theory]
    [InlineData("KA 01 AB 1234", "KA 01 AB 1234")]
    [InlineData("KA01AB1234", "KA 01 AB 1234")]
    [InlineData("ka-01-ab-1234", "KA 01 AB 1234")]
    [InlineData("  mh 12  de 1433 ", "MH 12 DE 1433")]
    [InlineData("DL 3C AB 1234", "DL 3 CAB 1234")]
    [InlineData("TN 9 B 77", "TN 9 B 0077")]
    [InlineData("TG 07 ABC 0001", "TG 07 ABC 0001")]
    [InlineData("22 BH 1234 AA", "22 BH 1234 AA")]
    [InlineData("22bh1234a", "22 BH 1234 A")]
    [InlineData("23-BH-0042-XY", "23 BH 0042 XY")]
    public void Indian_plates_in_any_case_and_spacing_are_normalised_to_the_plates_groups(string typed, string normalised) =>
        Assert.Equal(normalised, RegistrationNumber.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("KA 01 1234")]
    [InlineData("XX 01 AB 1234")]
    [InlineData("KA 123 AB 1234")]
    [InlineData("KA 01 ABCD 1234")]
    [InlineData("KA 01 AB 12345")]
    [InlineData("KA 01 AB 0000")]
    [InlineData("KA 01 AB")]
    [InlineData("KA.01.AB.1234")]
    [InlineData("KA 01 AB 1234\n")]
    [InlineData("KA 01 ÅB 1234")]
    [InlineData("KA 01 AB １２３４")]
    [InlineData("2 BH 1234 AA")]
    [InlineData("22 BH 1234 ABC")]
    [InlineData("22 BH 1234")]
    [InlineData("KA 01 AB 1234 KA 01 AB 1234")]
    [InlineData("K   A   0   1   A   B   1   2   3   4")]
    public void Anything_else_is_refused(string? typed) => Assert.Null(RegistrationNumber.Normalise(typed));

    private static Gen<string> Chars(string from, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements(from.ToCharArray()).ArrayOf(n)).Select(c => new string(c));

    /// <summary>A state-series plate as a driver might type it: any case, groups run together or split by spaces and hyphens.</summary>
    private static readonly Gen<(string Typed, string Expected)> TypedStatePlates =
        from state in Gen.Elements(RegistrationNumber.StateCodes.ToArray())
        from district in Chars("0123456789", 1, 2)
        from series in Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 3)
        from number in Gen.Choose(1, 9999)
        from padded in Gen.Elements(true, false)
        from separators in Gen.Elements("", " ", "-", " - ", "  ").ArrayOf(3)
        from lower in Gen.Elements(true, false)
        let digits = padded ? number.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) : number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        let typed = state + separators[0] + district + separators[1] + series + separators[2] + digits
        where typed.Length <= RegistrationNumber.MaxInputLength
        select (lower ? typed.ToLowerInvariant() : typed, $"{state} {district} {series} {number:0000}");

    [Property(MaxTest = 300)]
    public Property Every_typed_state_series_plate_normalises_to_its_groups_and_normalising_again_changes_nothing() =>
        Prop.ForAll(TypedStatePlates.ToArbitrary(), plate =>
            RegistrationNumber.Normalise(plate.Typed) == plate.Expected && RegistrationNumber.Normalise(plate.Expected) == plate.Expected);

    /// <summary>Strings near the plate alphabet, so that a fair share of them are plates.</summary>
    private static readonly Gen<string> NearPlates = Chars("KAkbBH0129 -", 5, 14);

    [Property(MaxTest = 500)]
    public Property Whatever_is_accepted_is_upper_case_single_spaced_keeps_the_letters_in_order_and_normalises_to_itself() =>
        Prop.ForAll(NearPlates.ToArbitrary(), typed =>
        {
            var normalised = RegistrationNumber.Normalise(typed);
            return normalised is null
                || (!normalised.Any(char.IsAsciiLetterLower)
                    && !normalised.Contains("  ", StringComparison.Ordinal)
                    && normalised.Trim() == normalised
                    && LettersOf(normalised) == LettersOf(typed.ToUpperInvariant())
                    && RegistrationNumber.Normalise(normalised) == normalised);
        });

    private static string LettersOf(string text) => new([.. text.Where(char.IsAsciiLetter)]);

    [Property(MaxTest = 300)]
    public Property A_plate_with_any_character_other_than_letters_digits_spaces_and_hyphens_is_refused() =>
        Prop.ForAll(
            Gen.Elements("./_,:;+#\t\n\u00A0é०".ToCharArray()).ToArbitrary(),
            Gen.Choose(0, 10).ToArbitrary(),
            (odd, at) => RegistrationNumber.Normalise("KA01AB1234".Insert(at, odd.ToString())) is null);
}
