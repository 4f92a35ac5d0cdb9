using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// The one read path of a cover: reads the service's cover straight into <see cref="CoverDecision"/>, with no
/// transfer object in between (a second object graph cost 2.8 KB and a third of the reading time per five covers,
/// see docs/performance.md). Members are matched by the contract's names, exactly as the generated models match
/// them; amounts, ratings, timestamps and dates go through the same lenient readers the generated models use
/// (numbers as strings, empty strings as no value, any offset), and members this version does not know are
/// skipped. A value of the wrong kind, or a cover without its <c>coverId</c>, is a <see cref="JsonException"/>, which
/// the transport reports as an unreadable answer; so is a listed cover without its <c>buyerId</c> (<see cref="NamesItsBuyer"/>).
/// </summary>
internal sealed class CoverDecisionConverter : JsonConverter<CoverDecision>
{
    // Scratch lists reused for every cover read on a thread: Read never awaits, so one cover at a time uses them,
    // and each list leaves as an exactly sized array.
    private static readonly string[] KnownCoverTypes = [CoverType.CreditLimit.Value, CoverType.CreditCheck.Value, CoverType.Indication.Value];
    private static readonly string[] KnownStatuses = [CoverStatus.Decision.Value, CoverStatus.Referred.Value];
    private static readonly string[] KnownDecisionCodes =
    [
        DecisionCode.FullyApproved.Value, DecisionCode.ApprovedWithConditions.Value, DecisionCode.Refused.Value, DecisionCode.PartiallyApproved.Value,
        DecisionCode.IncreaseRefused.Value, DecisionCode.PartiallyApprovedPreliminary.Value, DecisionCode.PreliminaryRefusal.Value, DecisionCode.Withdrawn.Value,
        DecisionCode.Reduced.Value, DecisionCode.RevisedTerms.Value, DecisionCode.Reissued.Value, DecisionCode.WithdrawalOrReductionNotice.Value,
        DecisionCode.PartialExpiryReduction.Value,
    ];

    // The policy currencies most covers are in; any other is read as sent.
    private static readonly string[] KnownCurrencies = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "AUD", "CAD", "JPY", "CNY", "HKD", "SGD", "NZD", "ZAR", "TRY", "MXN", "BRL", "INR"];

    [ThreadStatic]
    private static List<BuyerIdentifier>? s_identifiers;

    [ThreadStatic]
    private static List<DecisionCondition>? s_conditions;

    public override CoverDecision? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, "A cover");
        long? coverId = null, customerId = null, buyerId = null;
        string? policyId = null, buyerName = null, coverType = null, coverStatus = null, decisionCode = null, decisionDescription = null;
        string? historicCode = null, pendingProcess = null, pendingProcessStatus = null, currency = null, customerReference = null, notes = null;
        BuyerIdentifier[]? identifiers = null;
        decimal? applicationAmount = null, applicationAmountInUserCurrency = null;
        DecisionParts total = default, first = default, second = default;
        DateTimeOffset? applicationDate = null, decisionDate = null;
        CoverDate? effectFrom = null, effectiveTo = null, withdrawal = null;
        int? rating = null;

        while (NextMember(ref reader, out var name))
        {
            switch (name.Length == 0 ? (byte)0 : name[0])
            {
                case (byte)'a':
                    if (name.SequenceEqual("applicationDate"u8))
                    {
                        applicationDate = LenientTimestampConverter.ReadValue(ref reader);
                        continue;
                    }

                    break;
                case (byte)'b':
                    if (name.SequenceEqual("buyerId"u8))
                    {
                        buyerId = LenientInt64Converter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("buyerName"u8))
                    {
                        buyerName = ReadText(ref reader);
                        continue;
                    }

                    break;
                case (byte)'c':
                    if (name.SequenceEqual("coverId"u8))
                    {
                        coverId = LenientInt64Converter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("customerId"u8))
                    {
                        customerId = LenientInt64Converter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("coverType"u8))
                    {
                        coverType = ReadText(ref reader, KnownCoverTypes);
                        continue;
                    }

                    if (name.SequenceEqual("coverStatus"u8))
                    {
                        coverStatus = ReadText(ref reader, KnownStatuses);
                        continue;
                    }

                    if (name.SequenceEqual("creditLimitApplicationAmountInPolicyCurrency"u8))
                    {
                        applicationAmount = LenientDecimalConverter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("creditLimitApplicationAmountInUserCurrency"u8))
                    {
                        applicationAmountInUserCurrency = LenientDecimalConverter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("customerRefNumber"u8))
                    {
                        customerReference = LenientStringConverter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("currentBuyerRating"u8))
                    {
                        rating = LenientInt32Converter.ReadValue(ref reader);
                        continue;
                    }

                    break;
                case (byte)'d':
                    if (name.SequenceEqual("decisionCode"u8))
                    {
                        decisionCode = ReadText(ref reader, KnownDecisionCodes);
                        continue;
                    }

                    if (name.SequenceEqual("decisionTypeDescription"u8))
                    {
                        decisionDescription = ReadText(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("decisionDate"u8))
                    {
                        decisionDate = LenientTimestampConverter.ReadValue(ref reader);
                        continue;
                    }

                    break;
                case (byte)'e':
                    if (name.SequenceEqual("effectFromDate"u8))
                    {
                        effectFrom = LenientDateReader.ReadCoverDate(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("effectiveToDate"u8))
                    {
                        effectiveTo = LenientDateReader.ReadCoverDate(ref reader);
                        continue;
                    }

                    break;
                case (byte)'f':
                    if (name.SequenceEqual("firstAmtDecision"u8))
                    {
                        first = ReadDecision(ref reader);
                        continue;
                    }

                    break;
                case (byte)'h':
                    if (name.SequenceEqual("historicCode"u8))
                    {
                        historicCode = ReadText(ref reader);
                        continue;
                    }

                    break;
                case (byte)'n':
                    if (name.SequenceEqual("notes"u8))
                    {
                        notes = ReadText(ref reader);
                        continue;
                    }

                    break;
                case (byte)'p':
                    if (name.SequenceEqual("policyId"u8))
                    {
                        policyId = LenientStringConverter.ReadValue(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("policyCurrencyCode"u8))
                    {
                        currency = ReadText(ref reader, KnownCurrencies);
                        continue;
                    }

                    if (name.SequenceEqual("pendingProcessIndicator"u8))
                    {
                        pendingProcess = ReadText(ref reader);
                        continue;
                    }

                    if (name.SequenceEqual("pendingProcessStatus"u8))
                    {
                        pendingProcessStatus = ReadText(ref reader);
                        continue;
                    }

                    break;
                case (byte)'s':
                    if (name.SequenceEqual("secondAmtDecision"u8))
                    {
                        second = ReadDecision(ref reader);
                        continue;
                    }

                    break;
                case (byte)'t':
                    if (name.SequenceEqual("totalDecision"u8))
                    {
                        total = ReadDecision(ref reader);
                        continue;
                    }

                    break;
                case (byte)'u':
                    if (name.SequenceEqual("uniqueIdentifiers"u8))
                    {
                        identifiers = ReadIdentifiers(ref reader);
                        continue;
                    }

                    break;
                case (byte)'w':
                    if (name.SequenceEqual("withdrawalDate"u8))
                    {
                        withdrawal = LenientDateReader.ReadCoverDate(ref reader);
                        continue;
                    }

                    break;
            }

            // A member this version does not know: forward compatible, never an error.
            reader.Skip();
        }

        // A cover without its id is no cover of the service's: read as cover 0, covers without one passed for one cover
        // (a report adding them up by id lost all but one). Its buyer is checked where a list hands a cover over
        // (NamesItsBuyer): a write's answer may hold an action's result ({coverId, response}) where a cover would be,
        // which names no buyer and is told apart by its caller. Its customer and policy may be left out: the query it
        // was listed by names them (a report fills them in).
        if (coverId is not { } id)
        {
            throw new CoverWithoutIdException("A cover in the answer has no coverId" + (buyerId is { } buyer ? " (buyer " + buyer.ToString(CultureInfo.InvariantCulture) + ")." : "."), isCover: buyerId is not null || coverType is not null || coverStatus is not null);
        }

        // Amounts carry the policy currency, which may come after them: they are built once the cover is read.
        currency = CoverText.Present(currency);
        return new CoverDecision
        {
            CoverId = id,
            CustomerId = customerId ?? 0,
            PolicyId = policyId ?? string.Empty,
            BuyerId = buyerId ?? 0,
            BuyerName = CoverText.Present(buyerName),
            BuyerIdentifiers = identifiers ?? Array.Empty<BuyerIdentifier>(),
            CoverType = CoverText.Present(coverType) is { } type ? new CoverType(type) : default,
            Status = CoverText.Present(coverStatus) is { } status ? new CoverStatus(status) : default,
            Code = CoverText.Present(decisionCode) is { } code ? new DecisionCode(code) : (DecisionCode?)null,
            DecisionDescription = CoverText.Present(decisionDescription),
            HistoricCode = CoverText.Present(historicCode) is { } historic ? new HistoricCode(historic) : (HistoricCode?)null,
            PendingProcess = CoverText.Present(pendingProcess) is { } pending ? new PendingProcessIndicator(pending) : (PendingProcessIndicator?)null,
            PendingProcessStatus = CoverText.Present(pendingProcessStatus),
            PolicyCurrency = currency,
            ApplicationAmount = Amount(applicationAmount, currency),
            ApplicationAmountInUserCurrency = applicationAmountInUserCurrency,
            TotalDecision = total.Build(currency),
            FirstAmountDecision = first.Build(currency),
            SecondAmountDecision = second.Build(currency),
            ApplicationDate = applicationDate,
            DecisionDate = decisionDate,
            EffectFromDate = effectFrom,
            EffectiveToDate = effectiveTo,
            WithdrawalDate = withdrawal,
            CustomerReference = CoverText.Present(customerReference),
            Notes = CoverText.Present(notes),
            BuyerRating = rating,
        };
    }

    /// <summary>
    /// The cover, when it names its buyer; else a <see cref="JsonException"/>, which the transport reports as an
    /// unreadable answer. Read as buyer 0, a cover would be counted under no buyer and could not be changed (a change
    /// names its cover by its buyer).
    /// </summary>
    public static CoverDecision NamesItsBuyer(CoverDecision cover) =>
        cover.BuyerId > 0 ? cover : throw NoBuyer(cover.CoverId);

    /// <summary>The exception for a cover that names no buyer.</summary>
    public static JsonException NoBuyer(long coverId) =>
        new("Cover " + coverId.ToString(CultureInfo.InvariantCulture) + " in the answer has no buyerId.");

    /// <summary>Covers are only read; the SDK never sends one.</summary>
    public override void Write(Utf8JsonWriter writer, CoverDecision value, JsonSerializerOptions options) =>
        throw new NotSupportedException("The SDK reads covers; it does not write them.");

    private static DecisionParts ReadDecision(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        Expect(ref reader, JsonTokenType.StartObject, "A decision");
        var parts = new DecisionParts { Present = true };
        while (NextMember(ref reader, out var name))
        {
            if (name.SequenceEqual("decisionAmtInPolicyCurrency"u8))
            {
                parts.Amount = LenientDecimalConverter.ReadValue(ref reader);
            }
            else if (name.SequenceEqual("decisionAmtInUserCurrency"u8))
            {
                parts.AmountInUserCurrency = LenientDecimalConverter.ReadValue(ref reader);
            }
            else if (name.SequenceEqual("decisionExpiryDate"u8))
            {
                parts.ExpiryDate = LenientDateReader.ReadCoverDate(ref reader);
            }
            else if (name.SequenceEqual("decisionConditions"u8))
            {
                parts.Conditions = ReadConditions(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return parts;
    }

    private static DecisionCondition[]? ReadConditions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "Decision conditions");
        var conditions = s_conditions ??= new List<DecisionCondition>();
        conditions.Clear();
        while (NextItem(ref reader))
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject, "A decision condition");
            string? code = null, type = null, description = null, category = null;
            while (NextMember(ref reader, out var name))
            {
                if (name.SequenceEqual("conditionCode"u8))
                {
                    code = ReadText(ref reader);
                }
                else if (name.SequenceEqual("conditionType"u8))
                {
                    type = ReadText(ref reader);
                }
                else if (name.SequenceEqual("conditionDescription"u8))
                {
                    description = ReadText(ref reader);
                }
                else if (name.SequenceEqual("conditionCategoryDescription"u8))
                {
                    category = ReadText(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            conditions.Add(new DecisionCondition
            {
                Code = code ?? string.Empty,
                Type = CoverText.Present(type),
                Description = CoverText.Present(description),
                CategoryDescription = CoverText.Present(category),
            });
        }

        return TakeAll(conditions);
    }

    private static BuyerIdentifier[]? ReadIdentifiers(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "Buyer identifiers");
        var identifiers = s_identifiers ??= new List<BuyerIdentifier>();
        identifiers.Clear();
        while (NextItem(ref reader))
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject, "A buyer identifier");
            string? uid = null, uidType = null, description = null;
            while (NextMember(ref reader, out var name))
            {
                if (name.SequenceEqual("uid"u8))
                {
                    uid = LenientStringConverter.ReadValue(ref reader);
                }
                else if (name.SequenceEqual("uidType"u8))
                {
                    uidType = ReadText(ref reader);
                }
                else if (name.SequenceEqual("uidTypeDescription"u8))
                {
                    description = ReadText(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (CoverMapper.Identifier(uid, uidType, description) is { } identifier)
            {
                identifiers.Add(identifier);
            }
        }

        return TakeAll(identifiers);
    }

    private static T[] TakeAll<T>(List<T> scratch)
    {
        if (scratch.Count == 0)
        {
            return Array.Empty<T>();
        }

        var result = scratch.ToArray();
        scratch.Clear();
        return result;
    }

    /// <summary>Moves to the next member's value; false at the end of the object. <paramref name="name"/> is its name's UTF-8 bytes.</summary>
    private static bool NextMember(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = default;
            return false;
        }

        // The reader holds the whole cover (the envelope reader and the serializer buffer it), so a member is a name then a value.
        name = reader.HasValueSequence || reader.ValueIsEscaped
            ? Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty)
            : reader.ValueSpan;
        reader.Read();
        return true;
    }

    /// <summary>Moves to the next item of an array; false at its end.</summary>
    private static bool NextItem(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException(what + " must be " + (expected == JsonTokenType.StartArray ? "an array" : "an object") + ", not " + reader.TokenType + ".");
        }
    }

    private static string? ReadText(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException("A text member must be a string, not " + reader.TokenType + "."),
        };

    private static Money? Amount(decimal? amount, string? currency) =>
        amount is { } value ? new Money(value, currency ?? string.Empty) : null;

    /// <summary>
    /// Reads a text member; a value among <paramref name="known"/> is returned as that string, so the codes every
    /// cover repeats (type, status, decision code, currency) make no new string.
    /// </summary>
    private static string? ReadText(ref Utf8JsonReader reader, string[] known)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            var bytes = reader.ValueSpan;
            foreach (var candidate in known)
            {
                if (IsAscii(bytes, candidate))
                {
                    return candidate;
                }
            }
        }

        return ReadText(ref reader);
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A decision's members as read, turned into a <see cref="DecisionAmount"/> once the currency is known.</summary>
    private struct DecisionParts
    {
        public bool Present;
        public decimal? Amount;
        public decimal? AmountInUserCurrency;
        public CoverDate? ExpiryDate;
        public DecisionCondition[]? Conditions;

        public readonly DecisionAmount? Build(string? currency) =>
            Present
                ? new DecisionAmount
                {
                    Amount = CoverDecisionConverter.Amount(Amount, currency),
                    AmountInUserCurrency = AmountInUserCurrency,
                    ExpiryDate = ExpiryDate,
                    Conditions = Conditions ?? Array.Empty<DecisionCondition>(),
                }
                : null;
    }
}
