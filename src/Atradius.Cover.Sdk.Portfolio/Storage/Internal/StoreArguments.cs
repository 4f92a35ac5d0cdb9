namespace Atradius.Cover.Sdk.Portfolio.Internal;

/// <summary>
/// The argument checks every store makes before touching its database, so that bad input fails the same way,
/// naming the argument, whichever store is in use.
/// </summary>
internal static class StoreArguments
{
    public static void PortfolioKey(string portfolioKey) => NotBlank(portfolioKey, nameof(portfolioKey));

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
        Items(commit.CoverVersions, $"{paramName}.{nameof(PortfolioCommit.CoverVersions)}", paramName, (version, at) =>
        {
            Text(version.CoverType, $"{at}.{nameof(CoverVersion.CoverType)}", paramName);
            Text(version.SourceList, $"{at}.{nameof(CoverVersion.SourceList)}", paramName);
        });
        Items(commit.BuyerRatingVersions, $"{paramName}.{nameof(PortfolioCommit.BuyerRatingVersions)}", paramName, (_, _) => { });
        Items(commit.Changes, $"{paramName}.{nameof(PortfolioCommit.Changes)}", paramName, (change, at) =>
        {
            Text(change.Kind, $"{at}.{nameof(PortfolioChange.Kind)}", paramName);
            if (change.CoverId is null && change.BuyerId is null)
            {
                throw new ArgumentException($"{at} must name a cover, a buyer or both.", paramName);
            }
        });
        if (commit.SyncState is { RunCount: < 0 })
        {
            throw new ArgumentException($"{paramName}.{nameof(PortfolioCommit.SyncState)}.{nameof(PortfolioSyncState.RunCount)} must not be negative.", paramName);
        }
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
        NotBlank(batchId, nameof(batchId));
        NotNull(items, nameof(items));
        var list = items.ToList();
        Items(list, nameof(items), nameof(items), (item, at) =>
        {
            Text(item.ItemKey, $"{at}.{nameof(NewBatchItem.ItemKey)}", nameof(items));
            if (item.ItemIndex < 0)
            {
                throw new ArgumentException($"{at}.{nameof(NewBatchItem.ItemIndex)} must not be negative.", nameof(items));
            }
        });
        return list;
    }

    public static void Transition(string batchId, string itemKey, BatchItemState expectedState, BatchItemTransition transition)
    {
        NotBlank(batchId, nameof(batchId));
        NotBlank(itemKey, nameof(itemKey));
        State(expectedState, nameof(expectedState));
        NotNull(transition, nameof(transition));
        State(transition.State, nameof(transition));
    }

    public static void Lease(string resource, string holderId, TimeSpan duration)
    {
        NotBlank(resource, nameof(resource));
        NotBlank(holderId, nameof(holderId));
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

    public static void Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"{nameof(duration)} must be positive.");
        }
    }

    public static void ReportRun(ReportRun run)
    {
        NotNull(run, nameof(run));
        Text(run.ReportName, $"{nameof(run)}.{nameof(Portfolio.ReportRun.ReportName)}", nameof(run));
    }

    private static void State(BatchItemState state, string paramName)
    {
        if (state is < BatchItemState.Pending or > BatchItemState.Failed)
        {
            throw new ArgumentOutOfRangeException(paramName, state, $"{paramName} is not a {nameof(BatchItemState)}.");
        }
    }

    private static void Text(string value, string what, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} must not be empty or white space.", paramName);
        }
    }

    private static void Items<T>(IReadOnlyList<T> items, string what, string paramName, Action<T, string> check)
        where T : class
    {
        if (items is null)
        {
            throw new ArgumentException($"{what} must not be null.", paramName);
        }

        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{what}[{i}]";
            if (items[i] is not { } item)
            {
                throw new ArgumentException($"{at} must not be null.", paramName);
            }

            check(item, at);
        }
    }
}
