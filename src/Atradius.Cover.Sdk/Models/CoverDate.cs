using System.Globalization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A calendar date without a time or a time zone, as the service writes it (<c>yyyy-MM-dd</c>): the start,
/// expiry or withdrawal date of a cover. The same type, with the same members, on every target framework
/// (convert to <c>DateOnly</c> with <c>DateOnly.FromDateTime(date.ToDateTime())</c>).
/// </summary>
public readonly struct CoverDate : IEquatable<CoverDate>, IComparable<CoverDate>, IComparable
{
    private readonly int _dayNumber;

    /// <summary>Creates a date.</summary>
    /// <param name="year">The year (1 to 9999).</param>
    /// <param name="month">The month (1 to 12).</param>
    /// <param name="day">The day of the month.</param>
    /// <exception cref="ArgumentOutOfRangeException">The parts do not make a date.</exception>
    public CoverDate(int year, int month, int day)
    {
        _dayNumber = (int)(new DateTime(year, month, day).Ticks / TimeSpan.TicksPerDay);
    }

    private CoverDate(int dayNumber) => _dayNumber = dayNumber;

    /// <summary>Gets the year.</summary>
    public int Year => ToDateTime().Year;

    /// <summary>Gets the month (1 to 12).</summary>
    public int Month => ToDateTime().Month;

    /// <summary>Gets the day of the month.</summary>
    public int Day => ToDateTime().Day;

    /// <summary>Whether two dates are the same day.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    public static bool operator ==(CoverDate left, CoverDate right) => left._dayNumber == right._dayNumber;

    /// <summary>Whether two dates are different days.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    public static bool operator !=(CoverDate left, CoverDate right) => left._dayNumber != right._dayNumber;

    /// <summary>Whether <paramref name="left"/> is before <paramref name="right"/>.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    public static bool operator <(CoverDate left, CoverDate right) => left._dayNumber < right._dayNumber;

    /// <summary>Whether <paramref name="left"/> is after <paramref name="right"/>.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    public static bool operator >(CoverDate left, CoverDate right) => left._dayNumber > right._dayNumber;

    /// <summary>Whether <paramref name="left"/> is on or before <paramref name="right"/>.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    public static bool operator <=(CoverDate left, CoverDate right) => left._dayNumber <= right._dayNumber;

    /// <summary>Whether <paramref name="left"/> is on or after <paramref name="right"/>.</summary>
    /// <param name="left">A date.</param>
    /// <param name="right">Another date.</param>
    public static bool operator >=(CoverDate left, CoverDate right) => left._dayNumber >= right._dayNumber;

    /// <summary>Reads a date written <c>yyyy-MM-dd</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The date.</returns>
    /// <exception cref="FormatException">The text is not a date written <c>yyyy-MM-dd</c>.</exception>
    public static CoverDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException("'" + text + "' is not a date written yyyy-MM-dd.");

    /// <summary>Reads a date written <c>yyyy-MM-dd</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="date">The date, when the text is one.</param>
    /// <returns>Whether the text is a date.</returns>
    public static bool TryParse(string? text, out CoverDate date)
    {
        if (text is not null && DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            date = FromDateTime(value);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>The calendar date of a <see cref="DateTime"/>, its time ignored.</summary>
    /// <param name="value">The date and time.</param>
    /// <returns>The date.</returns>
    public static CoverDate FromDateTime(DateTime value) => new((int)(value.Date.Ticks / TimeSpan.TicksPerDay));

    /// <summary>The date at midnight, <see cref="DateTimeKind.Unspecified"/>.</summary>
    /// <returns>The date and time.</returns>
    public DateTime ToDateTime() => new(_dayNumber * TimeSpan.TicksPerDay, DateTimeKind.Unspecified);

    /// <inheritdoc/>
    public int CompareTo(CoverDate other) => _dayNumber.CompareTo(other._dayNumber);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj is CoverDate other ? CompareTo(other) : obj is null ? 1 : throw new ArgumentException("Not a CoverDate.", nameof(obj));

    /// <inheritdoc/>
    public bool Equals(CoverDate other) => _dayNumber == other._dayNumber;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CoverDate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _dayNumber;

    /// <summary>The date written <c>yyyy-MM-dd</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
