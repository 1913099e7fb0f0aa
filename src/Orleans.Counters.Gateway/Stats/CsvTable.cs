using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// A stats answer as CSV (RFC 4180), for <c>?format=csv</c> or <c>Accept: text/csv</c>. Text cells are
/// quoted when they hold a comma, quote or line break; a text cell starting with = + - or @ gets a
/// leading apostrophe, so a spreadsheet does not run it as a formula.
/// </summary>
public sealed class CsvTable(params string[] columns)
{
    /// <summary>The media type of the answer.</summary>
    public const string MediaType = "text/csv";

    /// <summary>The query parameter that asks for CSV (or JSON).</summary>
    public const string FormatParameter = "format";

    private readonly StringBuilder _text = new StringBuilder().AppendJoin(',', columns).Append("\r\n");

    /// <summary>
    /// True when the request asks for CSV: <c>?format=csv</c>, or an Accept header that prefers
    /// <c>text/csv</c>. A <c>format</c> other than <c>csv</c> or <c>json</c> is refused.
    /// </summary>
    public static bool IsWanted(HttpRequest request, StatsQuery query)
    {
        if (request.Query.TryGetValue(FormatParameter, out var format))
        {
            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                query.Refuse(FormatParameter, "must be 'csv' or 'json'");
            }

            return false;
        }

        var accepted = request.GetTypedHeaders().Accept;
        var preferred = accepted.OrderByDescending(type => type.Quality ?? 1).FirstOrDefault();
        return preferred is not null && preferred.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Adds a row; strings are escaped, numbers and instants written invariantly.</summary>
    public CsvTable Row(params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(cells[i] switch
            {
                null => "",
                string text => Escape(text),
                DateTime instant => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => Escape(other.ToString() ?? ""),
            });
        }

        _text.Append("\r\n");
        return this;
    }

    /// <summary>The table as a 200 answer.</summary>
    public ContentHttpResult ToResult() => TypedResults.Text(_text.ToString(), MediaType + "; charset=utf-8", Encoding.UTF8);

    private static string Escape(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
