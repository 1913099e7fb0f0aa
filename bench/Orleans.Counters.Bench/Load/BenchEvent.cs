namespace Orleans.Counters.Bench.Load;

/// <summary>One generated event: what every scenario and baseline counts.</summary>
/// <param name="Account">The account it counts in.</param>
/// <param name="Type">Its event type.</param>
/// <param name="Url">The page it happened on.</param>
/// <param name="Timestamp">When it happened (a single-event POST leaves it to the gateway).</param>
/// <param name="UserId">The user, counted in uniques; none in the plain events.</param>
/// <param name="Value">A value added to the period's sum; none in the plain events.</param>
/// <param name="UserAgent">The client's user agent, a crawler's making it a bot; none in the plain events.</param>
public readonly record struct BenchEvent(
    string Account, string Type, string Url, DateTime Timestamp, string? UserId = null, double? Value = null, string? UserAgent = null);
