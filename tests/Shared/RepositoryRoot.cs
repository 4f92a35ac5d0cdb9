namespace Atradius.Cover.Sdk.TestSupport;

/// <summary>
/// The clone the tests run in, found by walking up from the test binaries to the solution file. Compiled into each
/// test project that reads files of the repository.
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Atradius.Cover.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Atradius.Cover.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
