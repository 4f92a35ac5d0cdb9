using System.Collections;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A response's headers (message and content) seen as the dictionary the generated client builds, without
/// copying them on every call: a lookup goes to the response's own (case-insensitive) collections, and the
/// copy is made only when something enumerates, which happens on error paths.
/// </summary>
internal sealed class CoverResponseHeaders : IReadOnlyDictionary<string, IEnumerable<string>>
{
    private readonly HttpResponseMessage _response;
    private Dictionary<string, IEnumerable<string>>? _copy;

    public CoverResponseHeaders(HttpResponseMessage response) => _response = response;

    public int Count => Copy().Count;

    public IEnumerable<string> Keys => Copy().Keys;

    public IEnumerable<IEnumerable<string>> Values => Copy().Values;

    public IEnumerable<string> this[string key] => TryGetValue(key, out var values) ? values : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out IEnumerable<string> value)
    {
        if (_response.Headers.TryGetValues(key, out var found) || (_response.Content is { } content && content.Headers.TryGetValues(key, out found)))
        {
            value = found;
            return true;
        }

        value = null!;
        return false;
    }

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => Copy().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The same dictionary the generated client builds: message headers, then content headers.</summary>
    private Dictionary<string, IEnumerable<string>> Copy()
    {
        if (_copy is null)
        {
            var copy = new Dictionary<string, IEnumerable<string>>();
            foreach (var header in _response.Headers)
            {
                copy[header.Key] = header.Value;
            }

            if (_response.Content is { } content)
            {
                foreach (var header in content.Headers)
                {
                    copy[header.Key] = header.Value;
                }
            }

            _copy = copy;
        }

        return _copy;
    }
}
