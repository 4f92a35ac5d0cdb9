namespace Atradius.Cover.Sdk.Sandbox.Contract;

/// <summary>The words the service sends beside its codes, as the contract's code lists give them.</summary>
internal static class CodeDescriptions
{
    public static string? Decision(string? code) => code switch
    {
        "DC01" => "Fully approved",
        "DC02" => "Approved with conditions or comments",
        "DC03" => "Refused",
        "DC04" => "Partially approved (final)",
        "DC05" => "Refusal of an increase; the current cover remains unchanged",
        "DC06" => "Partially approved (preliminary)",
        "DC07" => "Refused (preliminary)",
        "DC08" => "Withdrawal decided by the insurer",
        "DC09" => "Reduction in cover",
        "DC10" => "Revised terms of cover",
        "DC11" => "Re-issue of limit",
        "DC21" => "Pre-notification of withdrawal or reduction, effective 30 days later",
        "DC22" => "Reduction due to partial expiry",
        _ => null,
    };

    public static string UidType(string type) => type switch
    {
        "VAT" => "VAT number",
        "NRN" => "National registration number",
        "CR" => "Chamber of commerce registration",
        "DB" => "Dun & Bradstreet number",
        "FC" => "Fiscal code",
        "SN" => "SIREN/SIRET number",
        "TK" => "Tax code",
        _ => type,
    };

    public static bool IsUidType(string? type) => type is "VAT" or "NRN" or "CR" or "DB" or "FC" or "SN" or "TK";
}
