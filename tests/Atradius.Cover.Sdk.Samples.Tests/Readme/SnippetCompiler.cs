using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Atradius.Cover.Sdk.Samples.Tests.Readme;

/// <summary>
/// Compiles README snippets against the SDK and the sandbox the way a reader would paste them: each statement
/// block becomes the body of an async method in a class whose fields are the variables the README takes as given
/// (<c>cover</c>, <c>services</c>, <c>configuration</c>, <c>cancellationToken</c>, <c>coverId</c>).
/// </summary>
internal static class SnippetCompiler
{
    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Atradius.Cover.Sdk;
        global using Atradius.Cover.Sdk.Sandbox.Hosting;
        global using Atradius.Cover.Sdk.Sandbox.World;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static IReadOnlyList<string> Errors(IReadOnlyList<ReadmeSnippet> snippets)
    {
        var source = new StringBuilder();
        source.AppendLine("namespace ReadmeSnippets;");
        foreach (var declaration in snippets.Where(s => s.IsDeclaration))
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"#line {declaration.Line} \"README.md\"");
            source.AppendLine(declaration.Code);
            source.AppendLine("#line default");
        }

        source.AppendLine("""
            public static class Given
            {
                public static CoverClient cover = null!;
                public static IServiceCollection services = new ServiceCollection();
                public static IConfiguration configuration = new ConfigurationBuilder().Build();
                public static CancellationToken cancellationToken;
                public static long coverId = 1;
            """);
        var number = 0;
        foreach (var snippet in snippets.Where(s => !s.IsDeclaration))
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"    public static async Task Snippet{++number}()");
            source.AppendLine("    {");
            source.AppendLine(CultureInfo.InvariantCulture, $"#line {snippet.Line} \"README.md\"");
            source.AppendLine(snippet.Code);
            source.AppendLine("#line default");
            source.AppendLine("        await Task.CompletedTask;");
            source.AppendLine("    }");
        }

        source.AppendLine("}");

        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippets",
            [CSharpSyntaxTree.ParseText(Usings, options), CSharpSyntaxTree.ParseText(source.ToString(), options)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
    }

    // The runtime's own assemblies (ASP.NET Core's included, through the sandbox's framework reference) plus
    // every assembly beside the tests: the SDK, the sandbox and the Microsoft.Extensions packages they use.
    private static List<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
