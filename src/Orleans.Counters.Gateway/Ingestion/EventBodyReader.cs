using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>Reads an ingestion request's body within the size limit and works out its format.</summary>
public static class EventBodyReader
{
    private const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>Reads the body, or returns the problem that stops it being read.</summary>
    public static async Task<(EventBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, IngestLimits limits, CancellationToken cancellationToken)
    {
        if (!TryGetFormat(request.ContentType, out var isNdjson, out var formatProblem))
        {
            return (null, formatProblem);
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return (null, TooLarge(limits));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // We enforce the limit ourselves, with a problem document rather than Kestrel's bare 413.
            sizeFeature.MaxRequestBodySize = null;
        }

        // With a Content-Length, one byte more than it lets the last read (the one that returns 0) find
        // room without growing, and so copying, the whole buffer; without one, read 16 KiB at a time.
        var knownLength = request.ContentLength is > 0 and var length ? (int)length : (int?)null;
        var buffer = new ArrayBufferWriter<byte>(knownLength + 1 ?? 16 * 1024);
        var readSize = knownLength is null ? 16 * 1024 : 1;
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(readSize), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limits.MaxBodyBytes)
            {
                return (null, TooLarge(limits));
            }
        }

        var bytes = buffer.WrittenMemory;
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return (new EventBody(bytes, isNdjson), null);
    }

    private static bool TryGetFormat(string? contentType, out bool isNdjson, out IResult? problem)
    {
        isNdjson = false;
        problem = null;
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            problem = Problems.Problems.UnsupportedMediaType($"Content-Type '{contentType}' cannot be read.");
            return false;
        }

        if (mediaType.Charset.HasValue && !IsUtf8(mediaType.Charset.Value))
        {
            problem = Problems.Problems.Malformed($"The body must be UTF-8, not {mediaType.Charset.Value}.");
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
            problem = Problems.Problems.UnsupportedMediaType($"Send application/json or {NdjsonMediaType}, not {type}.");
            return false;
        }

        return true;
    }

    private static bool IsUtf8(string? charset) =>
        charset is not null && (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge(IngestLimits limits) =>
        Problems.Problems.TooLarge($"The body is larger than {limits.MaxBodyBytes} bytes; split it into smaller requests.");
}
