namespace Orleans.Counters.Postgres.Queue;

/// <summary>Checks <see cref="PostgresStreamOptions"/>: every count and duration in range.</summary>
public sealed class PostgresStreamOptionsValidator : IValidateOptions<PostgresStreamOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresStreamOptions options)
    {
        List<string> failures = [];
        if (options.QueueCount is < 1 or > 4096)
        {
            failures.Add($"QueueCount must be 1 to 4096 (was {options.QueueCount}).");
        }

        if (options.DequeueBatchSize < 1)
        {
            failures.Add($"DequeueBatchSize must be at least 1 (was {options.DequeueBatchSize}).");
        }

        if (options.VisibilityTimeout <= TimeSpan.Zero)
        {
            failures.Add($"VisibilityTimeout must be positive (was {options.VisibilityTimeout}).");
        }

        if (options.MaxDeliveries < 1)
        {
            failures.Add($"MaxDeliveries must be at least 1 (was {options.MaxDeliveries}).");
        }

        if (options.EnqueueAttempts < 1)
        {
            failures.Add($"EnqueueAttempts must be at least 1 (was {options.EnqueueAttempts}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
