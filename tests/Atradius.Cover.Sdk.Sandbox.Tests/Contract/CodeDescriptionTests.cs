using System.Text.RegularExpressions;
using Atradius.Cover.Sdk.Sandbox.Contract;
using Atradius.Cover.Sdk.Sandbox.Tests.Support;

namespace Atradius.Cover.Sdk.Sandbox.Tests.Contract;

/// <summary>The words the sandbox sends beside its codes are the contract's, so a client that shows them shows the service's.</summary>
public sealed partial class CodeDescriptionTests
{
    private static readonly string[] DecisionCodes = ["DC01", "DC02", "DC03", "DC04", "DC05", "DC06", "DC07", "DC08", "DC09", "DC10", "DC11", "DC21", "DC22"];

    private static readonly string[] IdentifierTypes = ["VAT", "NRN", "CR", "DB", "FC", "SN", "TK"];

    [Fact]
    public void Every_decision_code_is_described_as_the_contract_describes_it()
    {
        var contract = ContractDescriptions();
        Assert.All(DecisionCodes, code => Assert.Equal(contract[code], CodeDescriptions.Decision(code)));
    }

    [Fact]
    public void Every_identifier_type_is_described_as_the_contract_describes_it()
    {
        var contract = ContractDescriptions();
        Assert.All(IdentifierTypes, type =>
        {
            Assert.True(CodeDescriptions.IsUidType(type));
            Assert.Equal(contract[type], CodeDescriptions.UidType(type));
        });
    }

    // The code lists are "- value: X" then "description: Y" in the contract's x-extensible-enum lists.
    private static Dictionary<string, string> ContractDescriptions()
    {
        var text = File.ReadAllText(ContractSchemas.ContractPath());
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in CodeAndDescription().Matches(text))
        {
            descriptions.TryAdd(match.Groups["code"].Value, match.Groups["description"].Value.Trim());
        }

        return descriptions;
    }

    [GeneratedRegex(@"- value: (?<code>[A-Z0-9]+)\s*\r?\n\s*description: (?<description>[^\r\n]+)")]
    private static partial Regex CodeAndDescription();
}
