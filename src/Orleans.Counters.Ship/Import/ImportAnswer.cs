namespace Orleans.Counters.Ship.Import;

/// <summary>What the gateway answered one import request.</summary>
public abstract record ImportAnswer
{
    /// <summary>202: every event taken; <paramref name="Repeats"/> of them were counted before.</summary>
    public sealed record Taken(int Accepted, int Repeats) : ImportAnswer;

    /// <summary>400 naming the refused events by their index in the request; nothing was counted.</summary>
    public sealed record Refused(IReadOnlyList<(int Index, string Problem)> Events, string Detail) : ImportAnswer;

    /// <summary>413: the request is too large; a smaller one may pass.</summary>
    public sealed record TooLarge(string Detail) : ImportAnswer;

    /// <summary>401, 403 or 409: no retry can succeed (a wrong key, or a gateway that cannot import).</summary>
    public sealed record Stop(int Status, string Detail) : ImportAnswer;

    /// <summary>429, 503, another answer or none: send the same request again, after <paramref name="RetryAfter"/> if given.</summary>
    public sealed record Retry(string Detail, TimeSpan? RetryAfter) : ImportAnswer;
}
