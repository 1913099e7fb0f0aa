using System.Globalization;

namespace Orleans.Counters.Ship.Parsing;

/// <summary>
/// Parses access-log lines in the combined format,
/// <c>%h %l %u %t "%r" %&gt;s %b "%{Referer}i" "%{User-agent}i"</c>, as Apache and nginx write it.
/// Lines in the common format (the same without the last two fields) parse too; fields after the
/// user agent (some setups append more) are ignored.
/// </summary>
public static class CombinedLogParser
{
    private const int TimeLength = 26; // 10/Oct/2000:13:55:36 -0700

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses one line (without its line break); never throws.</summary>
    public static LogParseResult Parse(string line)
    {
        var rest = line.AsSpan().TrimEnd('\r');
        if (rest.IsWhiteSpace())
        {
            return LogParseResult.Unparsable("empty line");
        }

        if (!TakeToken(ref rest, out var host))
        {
            return LogParseResult.Unparsable("no client address");
        }

        if (!TakeToken(ref rest, out _))
        {
            return LogParseResult.Unparsable("no identity field");
        }

        // The user name is the one field that may hold spaces: it runs up to the time's bracket.
        var timeStart = rest.IndexOf('[');
        if (timeStart < 1 || rest[timeStart - 1] != ' ')
        {
            return LogParseResult.Unparsable("no [time]");
        }

        var user = rest[..(timeStart - 1)];
        rest = rest[(timeStart + 1)..];
        var timeEnd = rest.IndexOf(']');
        if (timeEnd < 0 || !TryParseTime(rest[..timeEnd], out var time))
        {
            return LogParseResult.Unparsable("time is not [dd/Mon/yyyy:HH:mm:ss +zzzz]");
        }

        rest = rest[(timeEnd + 1)..];
        if (!SkipSpace(ref rest) || !TakeQuoted(ref rest, out var request))
        {
            return LogParseResult.Unparsable("no quoted request line");
        }

        if (!TrySplitRequest(request, out var method, out var target, out var protocol))
        {
            return LogParseResult.Unparsable("request line is not 'METHOD TARGET HTTP/x'");
        }

        if (!SkipSpace(ref rest) || !TakeToken(ref rest, out var statusText) || !TryParseStatus(statusText, out var status))
        {
            return LogParseResult.Unparsable("status is not a three-digit number");
        }

        if (!TakeToken(ref rest, out var bytesText) || !TryParseBytes(bytesText, out var bytes))
        {
            return LogParseResult.Unparsable("size is neither a number nor '-'");
        }

        string? referrer = null;
        string? userAgent = null;
        if (!rest.IsEmpty)
        {
            if (!TakeQuoted(ref rest, out var referrerText) || !SkipSpace(ref rest) || !TakeQuoted(ref rest, out var userAgentText))
            {
                return LogParseResult.Unparsable("referrer and user agent are not two quoted fields");
            }

            referrer = Absent(referrerText);
            userAgent = Absent(userAgentText);
        }

        return LogParseResult.Parsed(new AccessLogRecord(
            host.ToString(),
            Absent(user.ToString()),
            time,
            method,
            target,
            protocol,
            status,
            bytes,
            referrer,
            userAgent));
    }

    /// <summary>Takes a field up to the next space, and the spaces after it.</summary>
    private static bool TakeToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        var end = rest.IndexOf(' ');
        token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..].TrimStart(' ');
        return !token.IsEmpty;
    }

    private static bool SkipSpace(ref ReadOnlySpan<char> rest)
    {
        var trimmed = rest.TrimStart(' ');
        var skipped = trimmed.Length < rest.Length;
        rest = trimmed;
        return skipped;
    }

    /// <summary>
    /// Takes a double-quoted field, undoing the <c>\"</c> and <c>\\</c> escapes Apache writes. Other
    /// escapes (<c>\xhh</c> for bytes that are not printable) stay as written: they must not become
    /// control characters, which the gateway refuses. A quote ends the field only when a space or the
    /// end of the line follows it, so that a stray unescaped quote does not cut it short.
    /// </summary>
    private static bool TakeQuoted(ref ReadOnlySpan<char> rest, out string value)
    {
        value = string.Empty;
        if (rest.IsEmpty || rest[0] != '"')
        {
            return false;
        }

        for (var i = 1; i < rest.Length; i++)
        {
            if (rest[i] == '\\' && i + 1 < rest.Length)
            {
                i++;
            }
            else if (rest[i] == '"' && (i + 1 == rest.Length || rest[i + 1] == ' '))
            {
                value = Unescape(rest[1..i]);
                rest = rest[(i + 1)..];
                return true;
            }
        }

        return false;
    }

    private static string Unescape(ReadOnlySpan<char> text)
    {
        if (!text.Contains('\\'))
        {
            return text.ToString();
        }

        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
            {
                i++;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }

    private static bool TrySplitRequest(string request, out string method, out string target, out string protocol)
    {
        method = target = protocol = string.Empty;
        var first = request.IndexOf(' ');
        var last = request.LastIndexOf(' ');
        if (first <= 0 || last <= first)
        {
            return false;
        }

        method = request[..first];
        target = request[(first + 1)..last].Trim(' ');
        protocol = request[(last + 1)..];
        return target.Length > 0
            && method.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && protocol.StartsWith("HTTP/", StringComparison.Ordinal);
    }

    private static bool TryParseStatus(ReadOnlySpan<char> text, out int status)
    {
        status = 0;
        return text.Length == 3 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2])
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out status)
            && status >= 100;
    }

    private static bool TryParseBytes(ReadOnlySpan<char> text, out long? bytes)
    {
        bytes = null;
        if (text is "-")
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            bytes = value;
            return true;
        }

        return false;
    }

    /// <summary>Parses <c>10/Oct/2000:13:55:36 -0700</c>.</summary>
    private static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != TimeLength || text[2] != '/' || text[6] != '/' || text[11] != ':' || text[14] != ':'
            || text[17] != ':' || text[20] != ' ' || text[21] is not ('+' or '-'))
        {
            return false;
        }

        var month = MonthOf(text.Slice(3, 3));
        if (month == 0
            || !TryDigits(text.Slice(0, 2), out var day)
            || !TryDigits(text.Slice(7, 4), out var year)
            || !TryDigits(text.Slice(12, 2), out var hour)
            || !TryDigits(text.Slice(15, 2), out var minute)
            || !TryDigits(text.Slice(18, 2), out var second)
            || !TryDigits(text.Slice(22, 2), out var offsetHours)
            || !TryDigits(text.Slice(24, 2), out var offsetMinutes))
        {
            return false;
        }

        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        // Years 1 and 9999 are left out: their instant could fall outside DateTimeOffset's range once the offset applies.
        if (year is < 2 or > 9998 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offsetMinutes > 59 || offset > TimeSpan.FromHours(14))
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, text[21] == '-' ? -offset : offset);
        return true;
    }

    /// <summary>1–12 for <c>Jan</c>–<c>Dec</c>, 0 for anything else.</summary>
    private static int MonthOf(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            if (name.SequenceEqual(Months[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static string? Absent(string text) => text is "-" or "" ? null : text;
}
