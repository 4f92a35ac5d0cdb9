namespace Atradius.Cover.Sdk;

/// <summary>Which of the service's cover lists to read.</summary>
internal enum CoverListKind
{
    /// <summary>The whole portfolio (GET /covers).</summary>
    Portfolio,

    /// <summary>New and updated decisions (GET /covers/decisions).</summary>
    New,

    /// <summary>Referred applications without a decision (GET /covers/applications).</summary>
    Pending,

    /// <summary>Decisions no longer current (GET /covers/historic).</summary>
    Historic,
}
