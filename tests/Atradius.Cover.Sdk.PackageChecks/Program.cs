using Atradius.Cover.Sdk.PackageChecks;

if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: Atradius.Cover.Sdk.PackageChecks <package folder> <repository URL>");
    return 2;
}

var symbolPackages = Directory.GetFiles(args[0], "*.snupkg");
if (symbolPackages.Length == 0)
{
    Console.Error.WriteLine($"No symbol package (.snupkg) in {args[0]}");
    return 1;
}

var failed = false;
foreach (var symbolPackage in symbolPackages.Order(StringComparer.Ordinal))
{
    var problems = SymbolPackageCheck.Check(symbolPackage, args[1]);
    Console.WriteLine($"{(problems.Count == 0 ? "ok  " : "FAIL")} {Path.GetFileName(symbolPackage)}");
    foreach (var problem in problems)
    {
        Console.WriteLine("     " + problem);
    }

    failed |= problems.Count > 0;
}

return failed ? 1 : 0;
