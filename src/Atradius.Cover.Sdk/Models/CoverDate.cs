// Calendar dates (effect, expiry, withdrawal) are DateOnly where the platform has it. netstandard2.0 has
// no DateOnly, so there the same properties are DateTime at midnight with DateTimeKind.Unspecified.
#if NET6_0_OR_GREATER
global using CoverDate = System.DateOnly;
#else
global using CoverDate = System.DateTime;
#endif
