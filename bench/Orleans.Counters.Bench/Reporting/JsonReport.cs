using System.Text.Json;

namespace Orleans.Counters.Bench.Reporting;

/// <summary>Writes benchmarks.json: the list of figures as {name, value, unit, baseline, baselineValue, ratio}.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the figures to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<Figure> figures, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, figures, Options, cancellationToken);
        await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
