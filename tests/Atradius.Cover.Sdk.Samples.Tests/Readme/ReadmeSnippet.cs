namespace Atradius.Cover.Sdk.Samples.Tests.Readme;

/// <summary>One ```csharp block of the README (or several joined), and where it starts, for error messages.</summary>
/// <param name="Line">Line of the README where the first block's code starts.</param>
/// <param name="Code">The code.</param>
/// <param name="IsDeclaration">True for blocks marked <c>&lt;!-- snippet: declarations --&gt;</c>: types, compiled at namespace level.</param>
internal sealed record ReadmeSnippet(int Line, string Code, bool IsDeclaration)
{
    /// <summary>Marks a block that goes on from the one before it, sharing its variables.</summary>
    public const string ContinuesMarker = "<!-- snippet: continues -->";

    /// <summary>Marks a block that declares types rather than running statements.</summary>
    public const string DeclarationsMarker = "<!-- snippet: declarations -->";

    public static IReadOnlyList<ReadmeSnippet> Extract(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var snippets = new List<ReadmeSnippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var marker = PreviousNonEmptyLine(lines, i);
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            var code = string.Join('\n', lines[start..end]);
            if (marker == ContinuesMarker && snippets.Count > 0 && !snippets[^1].IsDeclaration)
            {
                snippets[^1] = snippets[^1] with { Code = snippets[^1].Code + "\n" + code };
            }
            else
            {
                snippets.Add(new ReadmeSnippet(start + 1, code, marker == DeclarationsMarker));
            }

            i = end;
        }

        return snippets;
    }

    private static string PreviousNonEmptyLine(string[] lines, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length > 0)
            {
                return lines[i].Trim();
            }
        }

        return string.Empty;
    }
}
