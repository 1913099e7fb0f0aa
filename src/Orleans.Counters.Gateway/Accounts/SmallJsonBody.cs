using System.Text.Json;
using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>A small JSON object body (an account request's, a Plausible event's), read whole up to <see cref="MaxBytes"/> or a given size.</summary>
public static class SmallJsonBody
{
    /// <summary>The largest body read.</summary>
    public const int MaxBytes = 4 * 1024;

    /// <summary>The body's root object, or the problem to answer (413, or 400 when it is not a JSON object).</summary>
    public static async Task<(JsonElement? Body, ProblemHttpResult? Problem)> ReadObjectAsync(
        HttpRequest request, string example, CancellationToken cancellationToken, int maxBytes = MaxBytes)
    {
        var tooLarge = ProblemResults.TooLarge($"The body is at most {maxBytes} bytes.");
        if (request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > maxBytes)
        {
            return (null, tooLarge);
        }

        using var document = EventJsonParser.ParseDocument(buffer.AsMemory(0, length), out var malformed);
        if (document is null)
        {
            return (null, ProblemResults.Malformed(malformed!));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, ProblemResults.Malformed($"The body must be a JSON object such as {example}."));
        }

        return Unstorable(document.RootElement) is { } problem ? (null, problem) : (document.RootElement.Clone(), null);
    }

    /// <summary>A string property; null when it is missing or not a string.</summary>
    public static string? String(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // What these bodies carry is stored (account names, time zones): a name or string that PostgreSQL's
    // text cannot hold, or that cannot be decoded at all, is refused before any field is looked at.
    private static ProblemHttpResult? Unstorable(JsonElement body)
    {
        if (!JsonFields.HasReadableNames(body))
        {
            return ProblemResults.Malformed(JsonFields.UnreadableName);
        }

        foreach (var property in body.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            var problem = JsonFields.TryGetString(property.Value, out var text) ? EventText.Problem(text) : EventText.LoneSurrogate;
            if (problem is not null)
            {
                return ProblemResults.Invalid(property.Name, problem);
            }
        }

        return null;
    }
}
