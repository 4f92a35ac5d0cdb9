using System.Globalization;

namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The argument checks every store makes before touching its database, so that bad input fails the same way,
/// naming the argument, whichever store is in use.
/// </summary>
internal static class StoreArguments
{
    /// <summary>The most characters a portfolio key, batch id or report name may have.</summary>
    /// <remarks>
    /// PostgreSQL refuses an index entry above about 2,700 bytes, and a character takes up to three bytes in UTF-8: a
    /// longer key would fail there alone, with a database error naming no argument, while SQLite and memory kept it.
    /// </remarks>
    public const int LongestKey = 500;

    /// <summary>The most characters a lease resource or holder may have: room for a key and the prefix a feature adds.</summary>
    public const int LongestLeaseName = 800;

    public static void PortfolioKey(string portfolioKey) => Key(portfolioKey, nameof(portfolioKey));

    /// <summary>Checks a key the store indexes: not blank, kept as written, at most <see cref="LongestKey"/> characters.</summary>
    public static void Key(string value, string paramName) => Key(value, paramName, LongestKey);

    private static void Key(string value, string paramName, int longest)
    {
        NotBlank(value, paramName);
        if (value.Length > longest)
        {
            throw new ArgumentException($"{paramName}{TooLong(value, longest)}", paramName);
        }
    }

    /// <summary>
    /// What is wrong with a key held in an object or a setting, completing a sentence that starts with its name; null
    /// when the store keeps it.
    /// </summary>
    public static string? KeyProblem(string value, int longest = LongestKey) =>
        Blank(value) ? MustNotBeBlank
        : UnkeptCharacter(value) is { } character ? $" must not contain {character}."
        : value.Length > longest ? TooLong(value, longest)
        : null;

    private static string TooLong(string value, int longest) => $" must be at most {longest} characters long; it has {value.Length}.";

    public static void NotBlank(string value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} must not be empty or white space.", paramName);
        }

        if (UnkeptCharacter(value) is { } character)
        {
            throw new ArgumentException($"{paramName} must not contain {character}.", paramName);
        }
    }

    public static void NotNull(object? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }
    }

    public static IReadOnlyList<long> Ids(IEnumerable<long> ids, string paramName)
    {
        NotNull(ids, paramName);
        return ids.Distinct().OrderBy(id => id).ToArray();
    }

    public static void Commit(PortfolioCommit commit)
    {
        const string paramName = "commit";
        NotNull(commit, paramName);
        Items(commit.CoverVersions, $"{paramName}.{nameof(PortfolioCommit.CoverVersions)}", paramName, version =>
            version.CoverType is null ? $".{nameof(CoverVersion.CoverType)} must not be null."
            : UnkeptCharacter(version.CoverType) is { } character ? $".{nameof(CoverVersion.CoverType)} must not contain {character}."
            : Blank(version.SourceList) ? $".{nameof(CoverVersion.SourceList)}{MustNotBeBlank}"
            : null);
        Items(commit.BuyerRatingVersions, $"{paramName}.{nameof(PortfolioCommit.BuyerRatingVersions)}", paramName, _ => null);
        Items(commit.Changes, $"{paramName}.{nameof(PortfolioCommit.Changes)}", paramName, change =>
            Blank(change.Kind) ? $".{nameof(PortfolioChange.Kind)}{MustNotBeBlank}"
            : change.CoverId is null && change.BuyerId is null ? " must name a cover, a buyer or both."
            : null);
        if (commit.SyncState is { RunCount: < 0 })
        {
            throw new ArgumentException($"{paramName}.{nameof(PortfolioCommit.SyncState)}.{nameof(PortfolioSyncState.RunCount)} must not be negative.", paramName);
        }

        FenceLease(commit.Lease, $"{paramName}.{nameof(PortfolioCommit.Lease)}", paramName);
    }

    public static void Query(CoverVersionQuery query)
    {
        NotNull(query, nameof(query));
        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw new ArgumentException($"{nameof(query)}.{nameof(CoverVersionQuery.From)} must not be later than {nameof(CoverVersionQuery.To)}.", nameof(query));
        }
    }

    public static void MaxCount(int maxCount)
    {
        if (maxCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, $"{nameof(maxCount)} must be at least 1.");
        }
    }

    public static IReadOnlyList<NewBatchItem> BatchItems(string batchId, IEnumerable<NewBatchItem> items)
    {
        Key(batchId, nameof(batchId));
        NotNull(items, nameof(items));
        var list = items.ToList();
        Items(list, nameof(items), nameof(items), item =>
            Blank(item.ItemKey) ? $".{nameof(NewBatchItem.ItemKey)}{MustNotBeBlank}"
            : UnkeptCharacter(item.ItemKey) is { } character ? $".{nameof(NewBatchItem.ItemKey)} must not contain {character}."
            : item.ItemIndex < 0 ? $".{nameof(NewBatchItem.ItemIndex)} must not be negative."
            : null);
        return list;
    }

    public static void Transition(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition)
    {
        Key(batchId, nameof(batchId));
        NotBlank(itemKey, nameof(itemKey));
        State(expectedState, nameof(expectedState));
        NotNull(transition, nameof(transition));
        State(transition.State, nameof(transition));
        if (transition.ExpectedAttemptCount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(transition), transition.ExpectedAttemptCount, $"{nameof(transition)}.{nameof(BatchItemTransition.ExpectedAttemptCount)} must not be negative.");
        }

        FenceLease(transition.Lease, $"{nameof(transition)}.{nameof(BatchItemTransition.Lease)}", nameof(transition));
    }

    // A lease a write carries must be one the store granted: without a resource or holder there is nothing to check.
    private static void FenceLease(PortfolioLease? lease, string what, string paramName)
    {
        if (lease is not null && (Blank(lease.Resource) || Blank(lease.HolderId)))
        {
            throw new ArgumentException($"{what} must be a lease the store granted (its resource and holder are empty).", paramName);
        }
    }

    public static void Lease(string resource, string holderId, TimeSpan duration)
    {
        Key(resource, nameof(resource), LongestLeaseName);
        Key(holderId, nameof(holderId), LongestLeaseName);
        Duration(duration);
    }

    public static void Lease(PortfolioLease lease)
    {
        NotNull(lease, nameof(lease));
        if (string.IsNullOrWhiteSpace(lease.Resource) || string.IsNullOrWhiteSpace(lease.HolderId))
        {
            throw new ArgumentException($"{nameof(lease)} must be a lease the store granted (its resource and holder are empty).", nameof(lease));
        }
    }

    // The longest lease a store grants. The callers' own settings stop below it (a batch run's lease at one day, the
    // monitor's at TimerLimit.Longest, since its holder renews on a timer); above it "now + duration" overflows
    // DateTimeOffset in the stores for the longest spans, with an error that names no argument.
    public static void Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || !TimerLimit.Fits(duration))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"{nameof(duration)} must be positive and at most {TimerLimit.LongestText}.");
        }
    }

    public static void ReportRun(ReportRun run)
    {
        NotNull(run, nameof(run));
        if (KeyProblem(run.ReportName, LongestKey) is { } problem)
        {
            throw new ArgumentException($"{nameof(run)}.{nameof(Portfolio.ReportRun.ReportName)}{problem}", nameof(run));
        }

        FenceLease(run.Lease, $"{nameof(run)}.{nameof(Portfolio.ReportRun.Lease)}", nameof(run));
    }

    private static void State(BatchItemState state, string paramName)
    {
        if (state is < BatchItemState.Pending or > BatchItemState.Failed)
        {
            throw new ArgumentOutOfRangeException(paramName, state, $"{paramName} is not a {nameof(BatchItemState)}.");
        }
    }

    private const string MustNotBeBlank = " must not be empty or white space.";

    private static bool Blank(string value) => string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// The first character of <paramref name="value"/> that a store could not keep as it is, described for an error
    /// message ("a NUL character (U+0000)"); null when there is none.
    /// </summary>
    /// <remarks>
    /// PostgreSQL's text holds neither U+0000 nor half a surrogate pair (it fails the statement), and SQLite turns half
    /// a pair into U+FFFD, so a key read back is no longer the key written; memory keeps both. Refused by every store
    /// alike, before anything is written, rather than failing a whole batch or commit on one of them only.
    /// </remarks>
    public static string? UnkeptCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "a NUL character (U+0000)";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "half a surrogate pair (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ")";
            }
        }

        return null;
    }

    // The problem is named only once found: a commit of a first sync holds thousands of items.
    private static void Items<T>(IReadOnlyList<T> items, string what, string paramName, Func<T, string?> problem)
        where T : class
    {
        if (items is null)
        {
            throw new ArgumentException($"{what} must not be null.", paramName);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                throw new ArgumentException($"{what}[{i}] must not be null.", paramName);
            }

            if (problem(item) is { } found)
            {
                throw new ArgumentException($"{what}[{i}]{found}", paramName);
            }
        }
    }
}
