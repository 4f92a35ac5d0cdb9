using System.Text.Json;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A cover in an answer that holds no <c>coverId</c>. In a list it makes the answer unreadable; in a write's answer it
/// may be an action's result (<c>{ "response": "Action has been refused." }</c>) where a cover would be, which proves
/// neither that the write was made nor that it was refused.
/// </summary>
internal sealed class CoverWithoutIdException(string message, bool isCover) : JsonException(message)
{
    /// <summary>Whether the item shows a cover's fields (its buyer, type or status), not only an action's result.</summary>
    public bool IsCover { get; } = isCover;

    /// <summary>Whether <paramref name="error"/> is, or was caused by, an item without a coverId that shows no cover's fields.</summary>
    public static bool IsActionResult(Exception? error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is CoverWithoutIdException { IsCover: false })
            {
                return true;
            }
        }

        return false;
    }
}
