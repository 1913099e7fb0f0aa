namespace Orleans.Counters.Events;

/// <summary>
/// What every string an event carries must be: Unicode text without control characters. PostgreSQL's
/// text columns cannot hold U+0000 and its UTF-8 encoding cannot hold a lone UTF-16 surrogate, so
/// one such string would fail a whole group commit; the other control characters (tab and line breaks
/// included) have no place in names, ids, user agents or the property values shown as dimensions.
/// </summary>
public static class EventText
{
    /// <summary>The reason given for a string holding a control character.</summary>
    public const string ControlCharacter = "must not contain control characters (U+0000–U+001F, U+007F–U+009F; tab and line breaks included)";

    /// <summary>The reason given for a string holding half a surrogate pair.</summary>
    public const string LoneSurrogate = "must be valid Unicode: it holds a lone UTF-16 surrogate (an unpaired \\uD800–\\uDFFF)";

    /// <summary>Why the text is refused, or null when it is fine.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        if (text.ContainsAnyInRange('\u0000', '\u001F') || text.ContainsAnyInRange('\u007F', '\u009F'))
        {
            return ControlCharacter;
        }

        return HasLoneSurrogate(text) ? LoneSurrogate : null;
    }

    private static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0)
        {
            return false;
        }

        for (var i = at; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
