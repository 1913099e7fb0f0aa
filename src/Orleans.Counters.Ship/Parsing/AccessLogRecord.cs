namespace Orleans.Counters.Ship.Parsing;

/// <summary>One access-log line in the combined format, its fields as logged ("-" read as absent).</summary>
/// <param name="Host">The client address (<c>%h</c>): an IPv4 or IPv6 address, or a host name.</param>
/// <param name="User">The authenticated user (<c>%u</c>), or null.</param>
/// <param name="Time">When the request was received (<c>%t</c>), with the offset the server logged.</param>
/// <param name="Method">The request method, such as <c>GET</c>.</param>
/// <param name="Target">The request target as sent: a path with its query string, or an absolute URL.</param>
/// <param name="Protocol">The protocol, such as <c>HTTP/1.1</c>.</param>
/// <param name="Status">The final status (<c>%&gt;s</c>).</param>
/// <param name="Bytes">The response size (<c>%b</c>), or null for "-".</param>
/// <param name="Referrer">The <c>Referer</c> header, or null when "-" or empty (or absent: the common format).</param>
/// <param name="UserAgent">The <c>User-Agent</c> header, or null when "-" or empty (or absent: the common format).</param>
public sealed record AccessLogRecord(
    string Host,
    string? User,
    DateTimeOffset Time,
    string Method,
    string Target,
    string Protocol,
    int Status,
    long? Bytes,
    string? Referrer,
    string? UserAgent);
