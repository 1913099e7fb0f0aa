using Orleans.Counters.Series;

namespace Orleans.Counters.Events;

/// <summary>Checks events against the rules and limits, and turns the good ones into <see cref="CounterEvent"/>s.</summary>
public sealed class EventValidator(EventLimits limits, TimeProvider clock)
{
    /// <summary>
    /// Validates one event. On success returns the event to count; otherwise null, with
    /// every problem added to <paramref name="errors"/>.
    /// </summary>
    /// <param name="input">The event as sent.</param>
    /// <param name="index">Its position in the request, for error messages.</param>
    /// <param name="receivedAt">When the request arrived; the timestamp of events that carry none.</param>
    /// <param name="errors">Where problems are reported.</param>
    public CounterEvent? Validate(EventInput input, int index, DateTime receivedAt, ICollection<FieldError> errors)
    {
        var before = errors.Count;
        CheckName(input.Account, "account", index, errors);
        if (input.Account == SeriesKey.AllAccounts)
        {
            errors.Add(new FieldError(index, "account", $"'{SeriesKey.AllAccounts}' is reserved for the sum over all accounts"));
        }

        CheckName(input.Type, "type", index, errors);

        string? url = null;
        if (input.Url is not null)
        {
            if (EventText.Problem(input.Url) is { } textProblem)
            {
                errors.Add(new FieldError(index, "url", textProblem));
            }
            else if (UrlNormalizer.TryNormalize(input.Url, out var path, out var reason))
            {
                url = path;
            }
            else
            {
                errors.Add(new FieldError(index, "url", reason));
            }
        }

        CheckLength(input.UserId, "userId", EventLimits.MaxUserIdLength, index, errors);
        CheckLength(input.UserAgent, "userAgent", EventLimits.MaxUserAgentLength, index, errors);
        CheckLength(input.Id, "id", EventLimits.MaxIdLength, index, errors);
        if (input.Value is { } value && !(Math.Abs(value) <= EventLimits.MaxValue))
        {
            errors.Add(new FieldError(index, "value", $"must be a finite number from -{EventLimits.MaxValue:0} to {EventLimits.MaxValue:0}"));
        }

        CheckProperties(input.Properties, index, errors);
        var timestamp = input.Timestamp?.UtcDateTime ?? receivedAt;
        CheckTimestamp(timestamp, index, errors);

        if (errors.Count > before)
        {
            return null;
        }

        return new CounterEvent
        {
            Account = input.Account!,
            Type = input.Type!,
            Url = url,
            Timestamp = timestamp,
            UserId = input.UserId,
            UserAgent = string.IsNullOrEmpty(input.UserAgent) ? null : input.UserAgent,
            Id = input.Id,
            Value = input.Value,
            Properties = PropertiesOf(input),
        };
    }

    // The properties sent, with the URL's campaign parameters added: those sent win.
    private static ImmutableDictionary<string, string>? PropertiesOf(EventInput input)
    {
        var utm = input.Url is { } url ? UtmParameters.Of(url) : [];
        if (utm.Count == 0)
        {
            return input.Properties is { Count: > 0 } properties ? properties.ToImmutableDictionary() : null;
        }

        var builder = (input.Properties ?? ImmutableDictionary<string, string>.Empty).ToImmutableDictionary().ToBuilder();
        foreach (var (name, value) in utm)
        {
            builder.TryAdd(name, value);
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Validates every event of a request. Returns the valid ones; the problems of the others are
    /// added to <paramref name="errors"/>. A caller that accepts whole requests only sends when no error was added.
    /// </summary>
    public List<CounterEvent> ValidateAll(IReadOnlyList<EventInput> inputs, DateTime receivedAt, ICollection<FieldError> errors)
    {
        var valid = new List<CounterEvent>(inputs.Count);
        for (var index = 0; index < inputs.Count; index++)
        {
            if (Validate(inputs[index], index, receivedAt, errors) is { } counted)
            {
                valid.Add(counted);
            }
        }

        return valid;
    }

    /// <summary>True when the text is a valid account or type name: 1–64 characters of [A-Za-z0-9._-].</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= EventLimits.MaxNameLength } && name.All(IsNameChar);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static void CheckName(string? name, string field, int index, ICollection<FieldError> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError(index, field, "is required"));
        }
        else if (!IsValidName(name))
        {
            errors.Add(new FieldError(index, field, $"must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-'"));
        }
    }

    private static void CheckLength(string? text, string field, int max, int index, ICollection<FieldError> errors)
    {
        if (text is not null && (text.Length == 0 || text.Length > max))
        {
            errors.Add(new FieldError(index, field, $"must be 1–{max} characters"));
        }
        else if (text is not null && EventText.Problem(text) is { } problem)
        {
            errors.Add(new FieldError(index, field, problem));
        }
    }

    private static void CheckProperties(IReadOnlyDictionary<string, string>? properties, int index, ICollection<FieldError> errors)
    {
        if (properties is null)
        {
            return;
        }

        if (properties.Count > EventLimits.MaxProperties)
        {
            errors.Add(new FieldError(index, "properties", $"must have at most {EventLimits.MaxProperties} entries"));
            return;
        }

        foreach (var (name, value) in properties)
        {
            if (name.Length is 0 or > EventLimits.MaxPropertyNameLength)
            {
                errors.Add(new FieldError(index, "properties", $"names must be 1–{EventLimits.MaxPropertyNameLength} characters"));
            }
            else if (EventText.Problem(name) is { } nameProblem)
            {
                // The name itself cannot label the error: it is what is wrong.
                errors.Add(new FieldError(index, "properties", $"names {nameProblem}"));
            }
            else if (value is null)
            {
                errors.Add(new FieldError(index, $"properties.{name}", "must be a string"));
            }
            else if (value.Length > EventLimits.MaxPropertyValueLength)
            {
                errors.Add(new FieldError(index, $"properties.{name}", $"must be at most {EventLimits.MaxPropertyValueLength} characters"));
            }
            else if (EventText.Problem(value) is { } valueProblem)
            {
                errors.Add(new FieldError(index, $"properties.{name}", valueProblem));
            }
        }
    }

    private void CheckTimestamp(DateTime timestamp, int index, ICollection<FieldError> errors)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (timestamp > now + limits.MaxFutureSkew)
        {
            errors.Add(new FieldError(index, "timestamp", $"must not be more than {limits.MaxFutureSkew.TotalMinutes:0} minutes ahead of the server's clock"));
        }
        else if (limits.Earliest is { } earliest)
        {
            if (timestamp < earliest)
            {
                errors.Add(new FieldError(index, "timestamp", $"must not be before {earliest:yyyy-MM-dd'T'HH:mm:ss'Z'}"));
            }
        }
        else if (timestamp < now - limits.MaxAge)
        {
            errors.Add(new FieldError(index, "timestamp", $"must not be older than {limits.MaxAge.TotalDays:0} days"));
        }
    }
}
