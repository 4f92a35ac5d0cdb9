namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>A stored cover version and the payload of its cover's version just before it; empty for a cover's first version.</summary>
/// <param name="Version">The version.</param>
/// <param name="PreviousPayload">The payload of the same cover's version with the next lower version id, wherever it was observed.</param>
internal readonly record struct CoverVersionWithPrevious(StoredCoverVersion Version, ReadOnlyMemory<byte> PreviousPayload);
