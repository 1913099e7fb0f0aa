using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>Reads an ingestion request's body within the size limit and works out its format.</summary>
public static class EventBodyReader
{
    /// <summary>The buffer a body starts in, before it grows as bytes arrive.</summary>
    public const int InitialBufferBytes = 16 * 1024;

    private const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>Reads the body, or returns the problem that stops it being read.</summary>
    public static Task<(EventBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, IngestLimits limits, CancellationToken cancellationToken) =>
        ReadAsync(request, limits.MaxBodyBytes, cancellationToken);

    /// <summary>The refusal reason the ingestion metrics count for a problem <see cref="ReadAsync(HttpRequest, long, CancellationToken)"/> returned.</summary>
    public static string RefusalReason(ProblemHttpResult problem) => problem.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        _ => "malformed",
    };

    /// <summary>Reads a body of at most <paramref name="maxBodyBytes"/>, or returns the problem that stops it being read.</summary>
    public static async Task<(EventBody? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (!TryGetFormat(request.ContentType, out var isNdjson, out var formatProblem))
        {
            return (null, formatProblem);
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // We enforce the limit ourselves, with a problem document rather than Kestrel's bare 413.
            sizeFeature.MaxRequestBodySize = null;
        }

        var (buffer, length) = await ReadWithinAsync(request.Body, request.ContentLength, maxBodyBytes, cancellationToken);
        if (length > maxBodyBytes)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        var bytes = buffer.AsMemory(0, length);
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return (new EventBody(bytes, isNdjson), null);
    }

    /// <summary>
    /// Reads the body into a buffer that grows as bytes arrive, from <see cref="InitialBufferBytes"/>
    /// by doubling: a Content-Length only caps the growth, it reserves nothing, so a slow client that
    /// announces the largest body costs little memory until it sends it. Stops at one byte over
    /// <paramref name="maxBytes"/>, so that a returned length above it means the body is too large.
    /// </summary>
    /// <returns>The buffer and how many bytes of it the body filled.</returns>
    public static async Task<(byte[] Buffer, int Length)> ReadWithinAsync(Stream body, long? contentLength, long maxBytes, CancellationToken cancellationToken)
    {
        var cap = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        // One byte more than an announced length lets the last read (the one that returns 0) find room without growing.
        var expected = contentLength is >= 0 and var announced ? (int)Math.Min(announced + 1, cap) : cap;
        var buffer = new byte[Math.Min(InitialBufferBytes, expected)];
        var length = 0;
        while (length < cap)
        {
            if (length == buffer.Length)
            {
                var grown = (int)Math.Min((long)buffer.Length * 2, length < expected ? expected : cap);
                Array.Resize(ref buffer, Math.Max(grown, length + 1));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (buffer, length);
    }

    private static bool TryGetFormat(string? contentType, out bool isNdjson, out ProblemHttpResult? problem)
    {
        isNdjson = false;
        problem = null;
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            problem = ProblemResults.UnsupportedMediaType($"Content-Type '{contentType}' cannot be read.");
            return false;
        }

        if (mediaType.Charset.HasValue && !IsUtf8(mediaType.Charset.Value))
        {
            problem = ProblemResults.Malformed($"The body must be UTF-8, not {mediaType.Charset.Value}.");
            return false;
        }

        var type = mediaType.MediaType.Value ?? string.Empty;
        isNdjson = type.Equals(NdjsonMediaType, StringComparison.OrdinalIgnoreCase);
        // text/plain is what navigator.sendBeacon sends for a string body.
        var isJson = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
        if (!isNdjson && !isJson)
        {
            problem = ProblemResults.UnsupportedMediaType($"Send application/json or {NdjsonMediaType}, not {type}.");
            return false;
        }

        return true;
    }

    private static bool IsUtf8(string? charset) =>
        charset is not null && (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge(long maxBodyBytes) =>
        ProblemResults.TooLarge($"The body is larger than {maxBodyBytes} bytes; split it into smaller requests.");
}
