using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Atradius.Cover.Sdk;

/// <summary>
/// Reads the items of an answer as they arrive: <c>{"data":[…]}</c>, <c>{"data":{…}}</c> (one item) or a bare
/// array. Each item is parsed through the generated model's source-generated metadata as soon as its bytes are
/// in, so a list of 100,000 covers needs no more memory than its largest cover plus one read buffer. The
/// <c>data</c> member's name is matched whatever its case (<c>Data</c> is the same list); other members beside it
/// are skipped. A read can refuse an answer whose envelope also carries business errors or a gateway fault
/// (<see cref="CoverAnswerErrorsException"/>): a list that came with errors may be incomplete, and must not be taken
/// for the whole list.
/// <para>
/// How the real service answers a list with nothing in it is not known (no example shows it), so every empty shape
/// has no items: <c>{"data":[]}</c>, <c>{"data":null}</c>, <c>[]</c> and <c>{}</c>. An object with
/// members but neither <c>data</c> nor errors (<c>{"message":"Service temporarily unavailable"}</c>) is no list: it
/// is a <see cref="JsonException"/> naming what it held, since taken for an empty list it reads as "no buyer
/// match", an empty report or a portfolio whose covers all ended.
/// </para>
/// </summary>
internal static class CoverEnvelopeReader
{
    private const int InitialBufferSize = 16 * 1024;

    // A cover or a buyer is about a kilobyte of JSON. One item (or the text before the list) larger than this is no
    // answer of the service's: it is refused rather than held whole, which would end in running out of memory.
    internal const int MaxItemBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads every item; throws <see cref="JsonException"/> on a malformed body and, when
    /// <paramref name="refuseErrors"/> is set, <see cref="CoverAnswerErrorsException"/> as soon as the envelope shows
    /// errors or a fault (no item after them is handed over; a top-level fault's read goes on to the detail beside it,
    /// which holds its code, or to the envelope's end); when it is not set, only when the envelope holds errors or a
    /// fault and no item.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadItemsAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, bool refuseErrors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var parser = new Parser();
        var items = new List<T>();
        var handedOver = false;
        try
        {
            var length = 0;
            var final = false;
            var bomChecked = false;
            while (!parser.Done)
            {
                if (!final)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxItemBytes)
                        {
                            throw new JsonException("One item of the answer, or the text before its list, is larger than " + (MaxItemBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " MB: it is not a cover or a buyer.");
                        }

                        // One item is larger than the buffer: grow it (bounded by the largest item, not the list).
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

#if NET8_0_OR_GREATER
                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
#else
                    var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
#endif
                    if (read == 0)
                    {
                        final = true;
                    }

                    length += read;
                }

                if (!bomChecked)
                {
                    if (length < 3 && !final)
                    {
                        continue;
                    }

                    // A UTF-8 byte order mark before the JSON (some gateways write one): the JSON reader refuses it.
                    bomChecked = true;
                    if (length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        Buffer.BlockCopy(buffer, 3, buffer, 0, length - 3);
                        length -= 3;
                    }
                }

                var consumed = parser.Parse(new ReadOnlySpan<byte>(buffer, 0, length), final, typeInfo, items);
                if (consumed > 0)
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                    length -= consumed;
                }

                if (refuseErrors && parser.Errors is { } errors)
                {
                    if (!parser.AwaitsFaultCode)
                    {
                        throw new CoverAnswerErrorsException(errors);
                    }

                    // Nothing after the fault is handed over; the body is read on only to the code that goes with it.
                    items.Clear();
                }

                foreach (var item in items)
                {
                    handedOver = true;
                    yield return item;
                }

                items.Clear();
                if (final && !parser.Done)
                {
                    if (refuseErrors && parser.Errors is { } cut)
                    {
                        throw new CoverAnswerErrorsException(cut);
                    }

                    if (parser.Started)
                    {
                        throw new JsonException("The answer ended before its JSON was complete.");
                    }

                    // An empty body: no items.
                    yield break;
                }
            }

            if (!handedOver && parser.Errors is { } onlyErrors)
            {
                // Errors and no item are the whole answer, whatever its status: taken as an empty success, they would
                // report a refused application or change as accepted.
                throw new CoverAnswerErrorsException(onlyErrors);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the first item, or default when there is none; <paramref name="refuseErrors"/> as for
    /// <see cref="ReadItemsAsync"/>, and then the whole body is read, since errors may follow the item.
    /// </summary>
    public static async Task<T?> ReadFirstAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, bool refuseErrors, CancellationToken cancellationToken)
    {
        var first = default(T);
        var found = false;
        await foreach (var item in ReadItemsAsync(stream, typeInfo, refuseErrors, cancellationToken).ConfigureAwait(false))
        {
            if (!found)
            {
                first = item;
                found = true;
                if (!refuseErrors)
                {
                    break;
                }
            }
        }

        return first;
    }

    /// <summary>Where the walk through the envelope stands, kept between buffers.</summary>
    private sealed class Parser
    {
        private enum Stage
        {
            Start,
            InEnvelope,
            DataValue,
            InArray,
            Finished,
        }

        private Stage _stage;
        private JsonReaderState _state;

        // Whether the answer is an envelope object, whose members after data are read too (errors may follow it).
        private bool _inEnvelope;

        // The first error member, and the envelope's detail member: a top-level fault's code is in the detail beside
        // it, before or after it, and the factory reads it from there only when both are handed over together.
        private string? _errorMember;
        private string? _detailMember;
        private bool _topLevelFault;

        // Whether the envelope had a data member; if not, the members it held instead (the first few, as written and
        // shortened), which an envelope without data or errors is refused naming.
        private bool _sawData;
        private List<string>? _otherMembers;
        private int _otherMemberCount;

        public bool Done => _stage == Stage.Finished;

        public bool Started { get; private set; }

        /// <summary>The envelope's errors or fault as a body of their own (<c>{"errors":[…]}</c>), once seen.</summary>
        public string? Errors => _errorMember is null ? null : "{" + _errorMember + (_detailMember is null ? string.Empty : "," + _detailMember) + "}";

        /// <summary>Whether the fault seen is a top-level one whose detail, and so its code, may still follow in the envelope.</summary>
        public bool AwaitsFaultCode => _topLevelFault && _detailMember is null && _stage != Stage.Finished;

        /// <summary>Parses what the buffer holds; returns how many bytes are finished with.</summary>
        public int Parse<T>(ReadOnlySpan<byte> data, bool final, JsonTypeInfo<T> typeInfo, List<T> items)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            var safe = 0;
            while (_stage != Stage.Finished)
            {
                var before = reader.BytesConsumed;
                var beforeState = reader.CurrentState;
                if (!reader.Read())
                {
                    break;
                }

                Started = true;
                switch (_stage)
                {
                    case Stage.Start:
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            _stage = Stage.InArray;
                        }
                        else if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            _stage = Stage.InEnvelope;
                            _inEnvelope = true;
                        }
                        else
                        {
                            throw new JsonException("The answer is neither a JSON object nor an array.");
                        }

                        break;

                    case Stage.InEnvelope:
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            if (!_sawData && _errorMember is null && _otherMemberCount > 0)
                            {
                                throw new JsonException("The answer is an object without a data member; it holds " + string.Join(", ", _otherMembers!)
                                    + (_otherMemberCount > _otherMembers!.Count ? " and " + (_otherMemberCount - _otherMembers.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more members" : string.Empty) + ".");
                            }

                            _stage = Stage.Finished;
                        }
                        else if (IsDataMember(ref reader))
                        {
                            _sawData = true;
                            _stage = Stage.DataValue;
                        }
                        else
                        {
                            var errorMember = IsErrorMember(ref reader);
                            var topLevelFault = reader.ValueTextEquals("faultstring"u8);
                            var detailMember = reader.ValueTextEquals("detail"u8);
                            if (!reader.TrySkip())
                            {
                                // The member's value is not all here yet: come back to its name with more bytes.
                                return Rewind(before, beforeState);
                            }

                            // From the end of the member before to the end of this one: its name and its value.
                            var raw = data.Slice((int)before, (int)(reader.BytesConsumed - before));
                            var carriesErrors = false;
                            if ((errorMember && _errorMember is null) || (detailMember && _detailMember is null))
                            {
                                var member = Text(raw);
                                if (detailMember)
                                {
                                    _detailMember = member;
                                }
                                else if (CarriesErrors("{" + member + "}"))
                                {
                                    _errorMember = member;
                                    _topLevelFault = topLevelFault;
                                    carriesErrors = true;
                                }
                            }

                            if (!carriesErrors && !_sawData)
                            {
                                NoteOtherMember(raw);
                            }
                        }

                        break;

                    case Stage.DataValue:
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            _stage = Stage.InArray;
                        }
                        else if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            if (!ReadItem(ref reader, data, typeInfo, items))
                            {
                                return Rewind(before, beforeState);
                            }

                            _stage = Stage.InEnvelope;
                        }
                        else if (reader.TokenType == JsonTokenType.Null)
                        {
                            _stage = Stage.InEnvelope;
                        }
                        else
                        {
                            throw new JsonException("The answer's data is neither an array nor an object.");
                        }

                        break;

                    case Stage.InArray:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _stage = _inEnvelope ? Stage.InEnvelope : Stage.Finished;
                        }
                        else if (reader.TokenType == JsonTokenType.Null)
                        {
                            // A null item carries nothing to read.
                        }
                        else if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            if (!ReadItem(ref reader, data, typeInfo, items))
                            {
                                return Rewind(before, beforeState);
                            }
                        }
                        else
                        {
                            throw new JsonException("An item of the answer's data is not an object.");
                        }

                        break;
                }

                safe = (int)reader.BytesConsumed;
                _state = reader.CurrentState;
            }

            return safe;
        }

        /// <summary>
        /// Whether the member is <c>data</c>, in any case: a gateway or framework that writes <c>Data</c> sends the same
        /// list, and skipped as an unknown member it would leave the answer without one.
        /// </summary>
        private static bool IsDataMember(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("data"u8) || string.Equals(reader.GetString(), "data", StringComparison.OrdinalIgnoreCase);

        /// <summary>A member's text as written, without the comma and blanks before it.</summary>
        private static string Text(ReadOnlySpan<byte> member) =>
            Encoding.UTF8.GetString(member.ToArray()).TrimStart().TrimStart(',').TrimStart();

        /// <summary>Keeps the first few members of an envelope that has shown no data yet, shortened, to name them should none follow.</summary>
        private void NoteOtherMember(ReadOnlySpan<byte> raw)
        {
            const int MaxMembersNamed = 5;
            const int MaxMemberBytes = 200;
            _otherMemberCount++;
            _otherMembers ??= new List<string>();
            if (_otherMembers.Count < MaxMembersNamed)
            {
                var member = Text(raw.Length > MaxMemberBytes ? raw.Slice(0, MaxMemberBytes) : raw);
                _otherMembers.Add(raw.Length > MaxMemberBytes ? member + "..." : member);
            }
        }

        // The members of the real service's two error shapes: business errors, and a gateway fault nested or not.
        private static bool IsErrorMember(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("errors"u8) || reader.ValueTextEquals("fault"u8) || reader.ValueTextEquals("faultstring"u8);

        /// <summary>Whether the member, as a body of its own, names at least one error or a fault.</summary>
        private static bool CarriesErrors(string body)
        {
            var (errors, fault, _) = CoverApiExceptionFactory.ParseBody(body);
            return errors.Count > 0 || fault is not null;
        }

        private int Rewind(long consumed, JsonReaderState state)
        {
            _state = state;
            return (int)consumed;
        }

        /// <summary>Parses the object that starts at the reader, if all of it is in the buffer.</summary>
        private static bool ReadItem<T>(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo, List<T> items)
        {
            var start = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                return false;
            }

            var end = (int)reader.BytesConsumed;
            var item = JsonSerializer.Deserialize(data.Slice(start, end - start), typeInfo);
            if (item is not null)
            {
                items.Add(item);
            }

            return true;
        }
    }
}
