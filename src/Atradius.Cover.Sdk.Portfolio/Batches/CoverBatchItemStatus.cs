namespace Atradius.Cover.Sdk.Portfolio;

/// <summary>How one application of a batch ended.</summary>
public enum CoverBatchItemStatus
{
    /// <summary>Not finished: the attempt's outcome is still unknown (for example the service could not be reached); a re-run resolves it before sending again.</summary>
    Unresolved = 0,

    /// <summary>The service decided the application.</summary>
    Decided = 1,

    /// <summary>The service referred the application to an underwriter.</summary>
    Referred = 2,

    /// <summary>The service refused the request (for example a validation error or a conflicting cover); nothing was created.</summary>
    Failed = 3,
}
