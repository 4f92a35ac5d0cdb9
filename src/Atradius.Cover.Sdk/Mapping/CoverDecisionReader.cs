using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads a cover of a list page straight into the public <see cref="CoverDecision"/>, without building the
/// generated transfer object first and copying it: on a page walk that halves the objects made per cover.
/// It accepts and refuses what the generated model and <see cref="CoverMapper.ToDecision"/> together
/// accept and refuse: the same JSON types, unknown members ignored, the same required-field checks in the
/// same order (tests compare the two on valid and broken covers).
/// </summary>
internal sealed class CoverDecisionReader : JsonConverter<CoverDecision>
{
    public static readonly CoverDecisionReader Instance = new();

    public override CoverDecision Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A cover must be a JSON object.");
        }

        long coverId = 0, customerId = 0, buyerId = 0;
        int version = 0;
        string? policyId = null, buyerName = null, coverType = null, coverStatus = null, decisionCode = null, historicCode = null;
        string? pending = null, currency = null, customerRef = null, notes = null;
        decimal? applicationAmount = null;
        DateTimeOffset applicationDate = default, updatedAt = default;
        DateTimeOffset? decisionDate = null;
        CoverDate? effectFrom = null, effectiveTo = null, withdrawal = null;
        DecisionRead total = default, first = default, second = default;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = NameOf(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.CoverId: coverId = Int64(ref reader); break;
                case Field.CustomerId: customerId = Int64(ref reader); break;
                case Field.PolicyId: policyId = Text(ref reader); break;
                case Field.BuyerId: buyerId = Int64(ref reader); break;
                case Field.BuyerName: buyerName = Text(ref reader); break;
                case Field.CoverType: coverType = Text(ref reader); break;
                case Field.CoverStatus: coverStatus = Text(ref reader); break;
                case Field.DecisionCode: decisionCode = Text(ref reader); break;
                case Field.HistoricCode: historicCode = Text(ref reader); break;
                case Field.PendingProcessIndicator: pending = Text(ref reader); break;
                case Field.CreditLimitApplicationAmount: applicationAmount = reader.TokenType == JsonTokenType.Null ? null : Decimal(ref reader); break;
                case Field.CurrencyCode: currency = Text(ref reader); break;
                case Field.TotalDecision: total = ReadDecision(ref reader); break;
                case Field.FirstAmtDecision: first = ReadDecision(ref reader); break;
                case Field.SecondAmtDecision: second = ReadDecision(ref reader); break;
                case Field.ApplicationDate: applicationDate = Instant(ref reader); break;
                case Field.DecisionDate: decisionDate = reader.TokenType == JsonTokenType.Null ? null : Instant(ref reader); break;
                case Field.EffectFromDate: effectFrom = Date(ref reader); break;
                case Field.EffectiveToDate: effectiveTo = Date(ref reader); break;
                case Field.WithdrawalDate: withdrawal = Date(ref reader); break;
                case Field.CustomerRefNumber: customerRef = Text(ref reader); break;
                case Field.Notes: notes = Text(ref reader); break;
                case Field.Version: version = Int32(ref reader); break;
                case Field.UpdatedAt: updatedAt = Instant(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        // The checks of CoverMapper.ToDecision, in its order, so a broken cover is reported the same way.
        if (coverId <= 0)
        {
            throw new CoverFieldMissingException("coverId");
        }

        if (customerId <= 0)
        {
            throw new CoverFieldMissingException("customerId");
        }

        if (string.IsNullOrEmpty(policyId))
        {
            throw new CoverFieldMissingException("policyId");
        }

        if (buyerId <= 0)
        {
            throw new CoverFieldMissingException("buyerId");
        }

        if (string.IsNullOrWhiteSpace(coverType))
        {
            throw new CoverFieldMissingException("coverType");
        }

        if (string.IsNullOrWhiteSpace(coverStatus))
        {
            throw new CoverFieldMissingException("coverStatus");
        }

        if (applicationDate == default)
        {
            throw new CoverFieldMissingException("applicationDate");
        }

        if (updatedAt == default)
        {
            throw new CoverFieldMissingException("updatedAt");
        }

        // Versions start at 1; see CoverMapper.ToDecision for why a 0 must not pass.
        if (version < 1)
        {
            throw new CoverFieldMissingException("version");
        }

        return new CoverDecision
        {
            CoverId = coverId,
            CustomerId = customerId,
            PolicyId = policyId!,
            BuyerId = buyerId,
            BuyerName = buyerName,
            CoverType = new CoverType(coverType!),
            Status = new CoverStatus(coverStatus!),
            Code = string.IsNullOrWhiteSpace(decisionCode) ? (DecisionCode?)null : new DecisionCode(decisionCode!),
            HistoricCode = string.IsNullOrWhiteSpace(historicCode) ? (HistoricCode?)null : new HistoricCode(historicCode!),
            PendingProcess = string.IsNullOrWhiteSpace(pending) ? (PendingProcessIndicator?)null : new PendingProcessIndicator(pending!),
            ApplicationAmount = applicationAmount is { } amount ? new Money(amount, currency ?? string.Empty) : null,
            TotalDecision = total.ToAmount("totalDecision"),
            FirstAmountDecision = first.ToAmount("firstAmtDecision"),
            SecondAmountDecision = second.ToAmount("secondAmtDecision"),
            ApplicationDate = applicationDate,
            DecisionDate = decisionDate,
            EffectFromDate = effectFrom,
            EffectiveToDate = effectiveTo,
            WithdrawalDate = withdrawal,
            CustomerReference = customerRef,
            Notes = notes,
            Version = version,
            ETag = null,
            UpdatedAt = updatedAt,
        };
    }

    public override void Write(Utf8JsonWriter writer, CoverDecision value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Covers are only read.");

    private static DecisionRead ReadDecision(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A decision must be a JSON object or null.");
        }

        var decision = new DecisionRead { Present = true };
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = NameOf(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.DecisionAmount: decision.Amount = Decimal(ref reader); break;
                case Field.CurrencyCode: decision.Currency = Text(ref reader); break;
                case Field.DecisionExpiryDate: decision.Expiry = Date(ref reader); break;
                case Field.DecisionConditions: ReadConditions(ref reader, ref decision); break;
                default: reader.Skip(); break;
            }
        }

        return decision;
    }

    private static void ReadConditions(ref Utf8JsonReader reader, ref DecisionRead decision)
    {
        decision.Conditions = null;
        decision.BadCondition = -1;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("decisionConditions must be a JSON array or null.");
        }

        var list = new List<DecisionCondition>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string? code = null, type = null, description = null;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var field = NameOf(ref reader);
                    reader.Read();
                    switch (field)
                    {
                        case Field.ConditionCode: code = Text(ref reader); break;
                        case Field.ConditionType: type = Text(ref reader); break;
                        case Field.ConditionDescription: description = Text(ref reader); break;
                        default: reader.Skip(); break;
                    }
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                throw new JsonException("A decision condition must be a JSON object or null.");
            }

            if (string.IsNullOrEmpty(code))
            {
                if (decision.BadCondition < 0)
                {
                    decision.BadCondition = index;
                }
            }
            else
            {
                list.Add(new DecisionCondition { Code = code!, Type = type, Description = description });
            }

            index++;
        }

        decision.Conditions = list;
    }

    private static long Int64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw new JsonException("Expected a whole number.");

    private static int Int32(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw new JsonException("Expected a whole number.");

    private static decimal Decimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value : throw new JsonException("Expected a number.");

    private static string? Text(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException("Expected a string."),
        };

    private static DateTimeOffset Instant(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetDateTimeOffset() : throw new JsonException("Expected a date and time.");

    private static CoverDate? Date(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a date.");
        }

        return CoverMapper.ToDate(CoverDateConverter.Instance.Read(ref reader, typeof(DateTimeOffset), JsonSerializerOptions.Default));
    }

    /// <summary>The member the reader is on; escaped names (rare) are unescaped first, as the serializer does.</summary>
    private static Field NameOf(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence
            ? Name(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!))
            : Name(reader.ValueSpan);

    private static Field Name(ReadOnlySpan<byte> name) =>
        name.Length switch
        {
            5 when name.SequenceEqual("notes"u8) => Field.Notes,
            7 when name.SequenceEqual("coverId"u8) => Field.CoverId,
            7 when name.SequenceEqual("buyerId"u8) => Field.BuyerId,
            7 when name.SequenceEqual("version"u8) => Field.Version,
            8 when name.SequenceEqual("policyId"u8) => Field.PolicyId,
            9 when name.SequenceEqual("buyerName"u8) => Field.BuyerName,
            9 when name.SequenceEqual("coverType"u8) => Field.CoverType,
            9 when name.SequenceEqual("updatedAt"u8) => Field.UpdatedAt,
            10 when name.SequenceEqual("customerId"u8) => Field.CustomerId,
            11 when name.SequenceEqual("coverStatus"u8) => Field.CoverStatus,
            12 when name.SequenceEqual("decisionCode"u8) => Field.DecisionCode,
            12 when name.SequenceEqual("historicCode"u8) => Field.HistoricCode,
            12 when name.SequenceEqual("currencyCode"u8) => Field.CurrencyCode,
            12 when name.SequenceEqual("decisionDate"u8) => Field.DecisionDate,
            13 when name.SequenceEqual("totalDecision"u8) => Field.TotalDecision,
            13 when name.SequenceEqual("conditionCode"u8) => Field.ConditionCode,
            13 when name.SequenceEqual("conditionType"u8) => Field.ConditionType,
            14 when name.SequenceEqual("effectFromDate"u8) => Field.EffectFromDate,
            14 when name.SequenceEqual("withdrawalDate"u8) => Field.WithdrawalDate,
            14 when name.SequenceEqual("decisionAmount"u8) => Field.DecisionAmount,
            15 when name.SequenceEqual("applicationDate"u8) => Field.ApplicationDate,
            15 when name.SequenceEqual("effectiveToDate"u8) => Field.EffectiveToDate,
            16 when name.SequenceEqual("firstAmtDecision"u8) => Field.FirstAmtDecision,
            17 when name.SequenceEqual("secondAmtDecision"u8) => Field.SecondAmtDecision,
            17 when name.SequenceEqual("customerRefNumber"u8) => Field.CustomerRefNumber,
            18 when name.SequenceEqual("decisionExpiryDate"u8) => Field.DecisionExpiryDate,
            18 when name.SequenceEqual("decisionConditions"u8) => Field.DecisionConditions,
            20 when name.SequenceEqual("conditionDescription"u8) => Field.ConditionDescription,
            23 when name.SequenceEqual("pendingProcessIndicator"u8) => Field.PendingProcessIndicator,
            28 when name.SequenceEqual("creditLimitApplicationAmount"u8) => Field.CreditLimitApplicationAmount,
            _ => Field.Unknown,
        };

    private enum Field
    {
        Unknown,
        CoverId,
        CustomerId,
        PolicyId,
        BuyerId,
        BuyerName,
        CoverType,
        CoverStatus,
        DecisionCode,
        HistoricCode,
        PendingProcessIndicator,
        CreditLimitApplicationAmount,
        CurrencyCode,
        TotalDecision,
        FirstAmtDecision,
        SecondAmtDecision,
        ApplicationDate,
        DecisionDate,
        EffectFromDate,
        EffectiveToDate,
        WithdrawalDate,
        CustomerRefNumber,
        Notes,
        Version,
        UpdatedAt,
        DecisionAmount,
        DecisionExpiryDate,
        DecisionConditions,
        ConditionCode,
        ConditionType,
        ConditionDescription,
    }

    private struct DecisionRead
    {
        public bool Present;
        public decimal Amount;
        public string? Currency;
        public CoverDate? Expiry;
        public List<DecisionCondition>? Conditions;
        public int BadCondition;

        public readonly DecisionAmount? ToAmount(string field)
        {
            if (!Present)
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(Currency))
            {
                throw new CoverFieldMissingException(field + ".currencyCode");
            }

            if (Conditions is not null && BadCondition >= 0)
            {
                throw new CoverFieldMissingException(field + ".decisionConditions[" + BadCondition.ToString(CultureInfo.InvariantCulture) + "].conditionCode");
            }

            return new DecisionAmount
            {
                Amount = new Money(Amount, Currency!),
                ExpiryDate = Expiry,
                Conditions = Conditions is { Count: > 0 } list ? list : (IReadOnlyList<DecisionCondition>)Array.Empty<DecisionCondition>(),
            };
        }
    }
}

/// <summary>A required field of a cover is missing or empty; reported as <see cref="CoverMapper.Missing"/> reports it.</summary>
internal sealed class CoverFieldMissingException : JsonException
{
    public CoverFieldMissingException(string field)
        : base("the required field '" + field + "' is missing or empty") => Field = field;

    public string Field { get; }
}
