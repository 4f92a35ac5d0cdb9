namespace Atradius.Cover.Sdk;

/// <summary>Whether a decision came after an application, when the service may date a decision by its day alone.</summary>
internal static class DecisionTiming
{
    /// <summary>
    /// Whether a decision answers an application made at <paramref name="applied"/>: a code that answers one (an
    /// approval, refusal, partial or preliminary decision, not a notice or withdrawal), made no earlier
    /// (<see cref="IsNoEarlierThan"/>).
    /// </summary>
    public static bool Answers(DecisionCode? code, DateTimeOffset? decidedAt, DateTimeOffset applied) =>
        (code?.AnswersApplication ?? false) && decidedAt is { } decided && IsNoEarlierThan(decided, code, applied);

    /// <summary>
    /// Whether an application made at <paramref name="applied"/>, listed in GET /covers/applications under the id of a
    /// cover whose GET /covers copy is <paramref name="copy"/>, was made after that copy: later than the copy's own
    /// application, and not answered by the copy's decision (<see cref="Answers"/>). Such an application is a new one
    /// under the cover's id (a change applied for, if the service keeps the id), which the copy cannot show yet; an
    /// application the copy was made or decided from is not. A copy that states no application date of its own was
    /// applied for no later than it was decided: its decision date stands in for it, and one dated by its day alone,
    /// which may have come at any time of that day, only for an application made on a later day.
    /// </summary>
    public static bool IsLaterApplication(CoverDecision copy, DateTimeOffset applied)
    {
        var before = copy.ApplicationDate is { } copied ? copied < applied
            : copy.DecisionDate is { } decided && (IsDayAlone(decided) ? decided.UtcDateTime.Date < applied.UtcDateTime.Date : decided < applied);
        return before && !Answers(copy.Code, copy.DecisionDate, applied);
    }

    /// <summary>
    /// Whether a decision dated <paramref name="decidedAt"/> was made no earlier than an application made at
    /// <paramref name="applied"/>. A decision dated by its day alone (read as midnight UTC) on the day of an application
    /// made at a known time may have come before it or after it: a refusal counts as after it (an increase refused keeps
    /// the cover's older application date and takes that day's decision date), an approval as before it (the cover's
    /// own decision, on the day an increase was applied for).
    /// </summary>
    public static bool IsNoEarlierThan(DateTimeOffset decidedAt, DecisionCode? code, DateTimeOffset applied) =>
        decidedAt >= applied
        || (IsDayAlone(decidedAt) && !IsDayAlone(applied) && decidedAt.UtcDateTime.Date == applied.UtcDateTime.Date && (code?.IsRefusal ?? false));

    /// <summary>Whether a date the service gave may be a day alone, with no time: read, it is midnight UTC.</summary>
    public static bool IsDayAlone(DateTimeOffset instant) => instant.UtcDateTime.TimeOfDay == TimeSpan.Zero;
}
