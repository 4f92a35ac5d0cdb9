namespace Atradius.Cover.Sdk;

/// <summary>
/// The Atradius Cover API: policies, buyers, applications, decisions, indications and reports. Implemented by
/// <see cref="CoverClient"/>; depend on this interface to replace the client in tests.
/// </summary>
public interface ICoverClient
{
    /// <summary>Reads the customer's policy details.</summary>
    PoliciesClient Policies { get; }

    /// <summary>Finds buyers and their Atradius Buyer ID.</summary>
    BuyersClient Buyers { get; }

    /// <summary>Applies for cover and follows referred applications.</summary>
    ApplicationsClient Applications { get; }

    /// <summary>Reads and changes cover decisions.</summary>
    DecisionsClient Decisions { get; }

    /// <summary>Lists indications and converts them into credit limits.</summary>
    IndicationsClient Indications { get; }

    /// <summary>Builds portfolio reports: cover and exposure by currency, country, rating and code; pending applications; notices.</summary>
    ReportsClient Reports { get; }
}
