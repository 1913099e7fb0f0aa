using System.Globalization;

namespace Orleans.Counters.Ship.Tests;

/// <summary>Combined-format log lines as Apache writes them, for feeding the shipper.</summary>
internal static class AccessLines
{
    /// <summary>A browser's user agent: requests from crawlers may be filtered out one day, so counting tests use this one.</summary>
    public const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0";

    /// <summary>Noon (UTC) yesterday: inside the gateway's age limit and away from any day boundary.</summary>
    public static DateTime YesterdayNoon { get; } = DateTime.UtcNow.Date.AddDays(-1).AddHours(12);

    /// <summary>One line, its time written in the server's zone <c>-0500</c>, as a server in New York would.</summary>
    public static string Line(string url, DateTime utc, int status = 200, string method = "GET", string host = "203.0.113.7", string userAgent = Browser)
    {
        var local = new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(-5));
        var time = local.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " -0500";
        return $"{host} - - [{time}] \"{method} {url} HTTP/1.1\" {status} 1024 \"https://www.example.com/\" \"{userAgent}\"";
    }
}
