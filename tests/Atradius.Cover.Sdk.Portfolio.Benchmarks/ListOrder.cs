/// <summary>The order in which the generated list hands out its covers.</summary>
internal enum ListOrder
{
    /// <summary>Cover and buyer ids rise together, as in the sandbox's generated portfolio.</summary>
    Ordered,

    /// <summary>Covers in id order, their buyer ids in no order: a real portfolio, listed by cover.</summary>
    Buyers,

    /// <summary>Neither cover nor buyer ids in order: a list sorted by something else, such as a date.</summary>
    Shuffled,
}

/// <summary>Reads a <see cref="ListOrder"/> from the command line.</summary>
internal static class ListOrders
{
    public static ListOrder Parse(string text) => text switch
    {
        "ordered" => ListOrder.Ordered,
        "buyers" => ListOrder.Buyers,
        "shuffled" => ListOrder.Shuffled,
        _ => throw new ArgumentException($"The list order '{text}' is not one of ordered, buyers, shuffled.", nameof(text)),
    };
}
