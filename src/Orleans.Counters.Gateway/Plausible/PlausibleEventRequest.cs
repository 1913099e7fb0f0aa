using System.Text.Json;

namespace Orleans.Counters.Gateway.Plausible;

/// <summary>
/// The body of <c>POST /api/event</c>, Plausible's Events API, for the OpenAPI document: the endpoint reads it
/// itself (<see cref="PlausibleEvent"/>), and takes the short keys Plausible's script sends too
/// (<c>n</c>, <c>u</c>, <c>d</c>, <c>r</c>, <c>p</c>, <c>$</c>).
/// </summary>
public sealed class PlausibleEventRequest
{
    /// <summary><c>pageview</c>, or a custom event's (a goal's) name.</summary>
    public required string Name { get; init; }

    /// <summary>The page's URL.</summary>
    public required string Url { get; init; }

    /// <summary>The site's domain, mapped to an account by the accounts' <c>domains</c> setting; several comma-separated.</summary>
    public required string Domain { get; init; }

    /// <summary>Where the visitor came from.</summary>
    public string? Referrer { get; init; }

    /// <summary>Custom properties: strings, numbers or booleans.</summary>
    public Dictionary<string, JsonElement>? Props { get; init; }

    /// <summary>The revenue: counted as the event's value.</summary>
    public PlausibleRevenue? Revenue { get; init; }
}
