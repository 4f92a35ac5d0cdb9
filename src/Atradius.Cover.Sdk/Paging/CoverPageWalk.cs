namespace Atradius.Cover.Sdk;

/// <summary>State of one walk over the pages of a list.</summary>
internal sealed class CoverPageWalk
{
    /// <summary>The last item of the previous page, for sources that compare an item with the one before it.</summary>
    public object? Previous { get; set; }
}
