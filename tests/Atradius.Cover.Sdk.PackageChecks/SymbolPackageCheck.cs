using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.Json;

namespace Atradius.Cover.Sdk.PackageChecks;

/// <summary>
/// Reads every portable PDB of a symbol package and lists what keeps a debugger from finding a source file:
/// no SourceLink entry, a SourceLink that maps to another repository, or a document neither mapped nor embedded.
/// </summary>
internal static class SymbolPackageCheck
{
    // Kinds of custom debug information, fixed by the portable PDB specification.
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static IReadOnlyList<string> Check(string symbolPackagePath, string repositoryUrl)
    {
        var problems = new List<string>();
        var rawSourceRoot = RawSourceRoot(repositoryUrl);
        using var package = ZipFile.OpenRead(symbolPackagePath);
        var pdbs = package.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).ToList();
        if (pdbs.Count == 0)
        {
            problems.Add($"{Path.GetFileName(symbolPackagePath)}: no PDB inside");
        }

        foreach (var entry in pdbs)
        {
            var where = $"{Path.GetFileName(symbolPackagePath)}/{entry.FullName}";
            using var buffer = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
            var reader = provider.GetMetadataReader();
            var mappings = ReadSourceLink(reader);
            if (mappings.Count == 0)
            {
                problems.Add($"{where}: no SourceLink entry");
                continue;
            }

            foreach (var (_, url) in mappings.Where(m => !m.Url.StartsWith(rawSourceRoot, StringComparison.Ordinal)))
            {
                problems.Add($"{where}: SourceLink maps to {url}, not to {rawSourceRoot}");
            }

            var documents = 0;
            foreach (var handle in reader.Documents)
            {
                documents++;
                var document = reader.GetDocument(handle);
                var name = reader.GetString(document.Name);
                var linked = mappings.Any(m => Matches(m.Pattern, name));
                if (!linked && !HasEmbeddedSource(reader, handle))
                {
                    problems.Add($"{where}: {name} is neither linked nor embedded");
                }
            }

            if (documents == 0)
            {
                problems.Add($"{where}: lists no source document");
            }
        }

        return problems;
    }

    private static string RawSourceRoot(string repositoryUrl)
    {
        var uri = new Uri(repositoryUrl.TrimEnd('/'));
        var path = uri.AbsolutePath.EndsWith(".git", StringComparison.Ordinal) ? uri.AbsolutePath[..^4] : uri.AbsolutePath;
        return uri.Host == "github.com"
            ? $"https://raw.githubusercontent.com{path}/"
            : $"{uri.Scheme}://{uri.Host}{path}/";
    }

    private static List<(string Pattern, string Url)> ReadSourceLink(MetadataReader reader)
    {
        var result = new List<(string, string)>();
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) != SourceLinkKind)
            {
                continue;
            }

            using var json = JsonDocument.Parse(reader.GetBlobBytes(information.Value));
            if (json.RootElement.TryGetProperty("documents", out var documents))
            {
                foreach (var mapping in documents.EnumerateObject())
                {
                    result.Add((mapping.Name, mapping.Value.GetString() ?? string.Empty));
                }
            }
        }

        return result;
    }

    // SourceLink patterns are a literal path or a prefix ending in a single '*'.
    private static bool Matches(string pattern, string documentName) =>
        pattern.EndsWith('*')
            ? documentName.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, documentName, StringComparison.Ordinal);

    private static bool HasEmbeddedSource(MetadataReader reader, DocumentHandle document) =>
        reader.GetCustomDebugInformation(document)
            .Any(h => reader.GetGuid(reader.GetCustomDebugInformation(h).Kind) == EmbeddedSourceKind);
}
