using Atradius.Cover.Sdk.Samples.Tests.Support;

namespace Atradius.Cover.Sdk.Samples.Tests.Readme;

public sealed class ReadmeSnippetTests
{
    [Fact]
    public void Every_csharp_block_of_the_README_compiles_against_the_SDK_and_the_sandbox()
    {
        var snippets = ReadmeSnippet.Extract(File.ReadAllText(RepositoryRoot.Combine("README.md")));

        Assert.True(snippets.Count >= 4, $"Only {snippets.Count} C# blocks found; did the README lose its code?");
        var errors = SnippetCompiler.Errors(snippets);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void A_block_calling_an_operation_the_SDK_does_not_have_fails_to_compile()
    {
        const string markdown = """
            ```csharp
            var buyers = cover.Buyers.FindEverybodyAsync(cancellationToken);
            ```
            """;

        var errors = SnippetCompiler.Errors(ReadmeSnippet.Extract(markdown));

        var error = Assert.Single(errors);
        Assert.Contains("README.md(2,27)", error, StringComparison.Ordinal);
        Assert.Contains("FindEverybodyAsync", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Marked_blocks_share_variables_with_the_block_before_and_declarations_are_types()
    {
        const string markdown = """
            ```csharp
            var amount = 50_000m;
            ```
            <!-- snippet: continues -->
            ```csharp
            var money = new Money(amount, "EUR");
            var handler = new Handler();
            ```
            <!-- snippet: declarations -->
            ```csharp
            public sealed class Handler;
            ```
            ```csharp
            var stray = amount;
            ```
            """;

        var snippets = ReadmeSnippet.Extract(markdown);
        var errors = SnippetCompiler.Errors(snippets);

        Assert.Equal(3, snippets.Count);
        var error = Assert.Single(errors);
        Assert.Contains("'amount' does not exist", error, StringComparison.Ordinal);
    }
}
