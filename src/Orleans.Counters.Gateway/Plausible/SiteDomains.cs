namespace Orleans.Counters.Gateway.Plausible;

/// <summary>
/// The rules for an account's <c>domains</c>: each a site's host name as Plausible's script sends it in
/// <c>domain</c> (its <c>data-domain</c>), kept in lower case, so that one comparison decides.
/// </summary>
public static class SiteDomains
{
    /// <summary>The most domains an account may list.</summary>
    public const int MaxCount = 20;

    /// <summary>The longest domain: DNS's limit.</summary>
    public const int MaxLength = 253;

    /// <summary>What every domain must look like, for error messages.</summary>
    public const string Rule = "must be a host name such as shop.example: letters, digits, '-' and '.', no scheme, port or path";

    /// <summary>The normalised domain; null when <paramref name="text"/> is not one.</summary>
    public static string? Normalize(string text)
    {
        var domain = text.Trim().ToLowerInvariant();
        if (domain.Length is 0 or > MaxLength || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return domain.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.') ? domain : null;
    }

    /// <summary>The normalised, distinct domains of a list, or the problems by position (<c>domains[2]</c>).</summary>
    public static (ImmutableArray<string> Domains, IReadOnlyList<(string Field, string Reason)> Problems) NormalizeAll(IReadOnlyList<string?> texts)
    {
        if (texts.Count > MaxCount)
        {
            return ([], [("domains", $"holds {texts.Count} domains; at most {MaxCount} are allowed")]);
        }

        var domains = new List<string>();
        var problems = new List<(string, string)>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is { } text && Normalize(text) is { } domain)
            {
                if (!domains.Contains(domain, StringComparer.Ordinal))
                {
                    domains.Add(domain);
                }
            }
            else
            {
                problems.Add(($"domains[{i}]", Rule));
            }
        }

        return problems.Count > 0 ? ([], problems) : ([.. domains], problems);
    }
}
