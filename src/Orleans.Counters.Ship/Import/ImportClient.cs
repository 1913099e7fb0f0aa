using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Orleans.Counters.Ship.Import;

/// <summary>Posts batches to the gateway's <c>POST /api/import</c> as NDJSON and sorts its answers.</summary>
public sealed class ImportClient(HttpClient http, Uri gateway)
{
    /// <summary>How long one request may take before it counts as failed and is sent again.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private const int MaxDetailLength = 2000;

    private static readonly MediaTypeHeaderValue Ndjson = new("application/x-ndjson");

    private readonly Uri _import = new(new Uri(gateway.AbsoluteUri.EndsWith('/') ? gateway.AbsoluteUri : gateway.AbsoluteUri + "/"), "api/import");

    /// <summary>A client of its own, sending <paramref name="key"/> (when given) as <c>Authorization: Bearer</c>.</summary>
    public static ImportClient Create(Uri gateway, string? key)
    {
        var http = new HttpClient { Timeout = RequestTimeout };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return new ImportClient(http, gateway);
    }

    /// <summary>Posts the events, one JSON object a line.</summary>
    public async Task<ImportAnswer> PostAsync(IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        foreach (var json in events)
        {
            body.Write(json);
            body.WriteByte((byte)'\n');
        }

        using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        content.Headers.ContentType = Ndjson;
        try
        {
            using var response = await http.PostAsync(_import, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted => Taken(text),
                HttpStatusCode.BadRequest => Refused(text),
                HttpStatusCode.RequestEntityTooLarge => new ImportAnswer.TooLarge(Detail(text)),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Conflict => new ImportAnswer.Stop((int)response.StatusCode, Detail(text)),
                _ => new ImportAnswer.Retry($"{(int)response.StatusCode} {response.ReasonPhrase}: {Detail(text)}", response.Headers.RetryAfter?.Delta),
            };
        }
        catch (HttpRequestException e)
        {
            return new ImportAnswer.Retry(e.Message, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ImportAnswer.Retry($"no answer within {RequestTimeout.TotalSeconds:0} s", null);
        }
    }

    private static ImportAnswer Taken(string text)
    {
        using var document = JsonDocument.Parse(text);
        return new ImportAnswer.Taken(document.RootElement.GetProperty("accepted").GetInt32(), document.RootElement.GetProperty("repeats").GetInt32());
    }

    private static ImportAnswer Refused(string text)
    {
        var events = new List<(int, string)>();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray())
                {
                    if (error.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number)
                    {
                        var field = error.TryGetProperty("field", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() + ": " : string.Empty;
                        events.Add((index.GetInt32(), field + error.GetProperty("reason").GetString()));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the detail says what came.
        }

        return new ImportAnswer.Refused(events, Detail(text));
    }

    private static string Detail(string body)
    {
        body = body.ReplaceLineEndings(" ");
        return body.Length <= MaxDetailLength ? body : body[..MaxDetailLength] + "…";
    }
}
