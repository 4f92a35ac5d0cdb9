#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

// Lets the store's records use init accessors on netstandard2.0, where the runtime does not declare it.
internal static class IsExternalInit
{
}
#endif
