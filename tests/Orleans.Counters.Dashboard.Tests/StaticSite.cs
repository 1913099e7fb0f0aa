namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// A website on a loopback port of its own (an origin of its own), serving one HTML page at every
/// path, as a site that includes the tracker script would. <see cref="HttpListener"/> keeps it small.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    private StaticSite(HttpListener listener, Uri address, string html)
    {
        _listener = listener;
        Address = address;
        _serving = ServeAsync(html);
    }

    /// <summary>The site's address; its origin is this without the trailing slash.</summary>
    public Uri Address { get; }

    /// <summary>The origin a browser sends from the site's pages.</summary>
    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts serving <paramref name="html"/> on a free loopback port.</summary>
    public static StaticSite Start(string html)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var listener = new HttpListener { Prefixes = { address.ToString() } };
        listener.Start();
        return new StaticSite(listener, address, html);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync(string html)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(html);
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            context.Response.ContentType = context.Request.Url?.AbsolutePath == "/favicon.ico" ? "image/x-icon" : "text/html; charset=utf-8";
            context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/favicon.ico" ? 404 : 200;
            if (context.Response.StatusCode == 200)
            {
                await context.Response.OutputStream.WriteAsync(body);
            }

            context.Response.Close();
        }
    }
}
