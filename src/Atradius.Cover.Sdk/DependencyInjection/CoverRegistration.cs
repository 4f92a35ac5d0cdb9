namespace Atradius.Cover.Sdk;

/// <summary>Records that a registration name exists, so that a name is registered once and typos fail clearly.</summary>
internal sealed class CoverRegistration
{
    public CoverRegistration(string name) => Name = name;

    public string Name { get; }
}
