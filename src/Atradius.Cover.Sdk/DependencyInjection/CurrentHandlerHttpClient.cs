namespace Atradius.Cover.Sdk;

/// <summary>
/// The <see cref="HttpClient"/> of a registration over the handler <c>IHttpClientFactory</c> gives at the moment: the
/// same client while the factory keeps its handler, a new one from the factory once it has rebuilt the handler (its
/// lifetime over). A client taken from the factory for every request would cost an allocation of its own and of its
/// cancellation source on each; one taken once would send through the first handler for good, never seeing a DNS,
/// proxy or certificate change.
/// </summary>
internal sealed class CurrentHandlerHttpClient(IHttpClientFactory clients, IHttpMessageHandlerFactory handlers, string name)
{
    private Current? _current;

    /// <summary>The client to send the next request through.</summary>
    public HttpClient Get()
    {
        // The factory hands out the same handler object until it rebuilds it, and looking it up allocates nothing.
        var handler = handlers.CreateHandler(name);
        var current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.Handler, handler))
        {
            return current.Client;
        }

        // The client is made by the factory, so that what the registration configures on a client (its base address,
        // any ConfigureHttpClient of the host's) is applied; two requests racing here each send through a good client.
        var client = clients.CreateClient(name);
        Volatile.Write(ref _current, new Current(handler, client));
        return client;
    }

    private sealed record Current(HttpMessageHandler Handler, HttpClient Client);
}
