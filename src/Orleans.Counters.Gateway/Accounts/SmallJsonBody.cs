using System.Text.Json;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>The JSON object body of an account request, read whole up to <see cref="MaxBytes"/>.</summary>
public static class SmallJsonBody
{
    /// <summary>The largest body read.</summary>
    public const int MaxBytes = 4 * 1024;

    /// <summary>The body's root object, or the problem to answer (413, or 400 when it is not a JSON object).</summary>
    public static async Task<(JsonElement? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, string example, CancellationToken cancellationToken)
    {
        var tooLarge = Problems.Problems.TooLarge($"The body is at most {MaxBytes} bytes.");
        if (request.ContentLength > MaxBytes)
        {
            return (null, tooLarge);
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            return (null, tooLarge);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, Problems.Problems.Malformed($"The body must be a JSON object such as {example}."));
        }
        catch (JsonException exception)
        {
            return (null, Problems.Problems.Malformed($"The body is not valid JSON: {exception.Message}"));
        }
    }

    /// <summary>A string property; null when it is missing or not a string.</summary>
    public static string? String(this JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
