namespace Orleans.Counters.Gateway.Operations;

/// <summary>The answer of <c>GET /api/admin/dead-letters</c>.</summary>
/// <param name="Total">How many dead letters there are in all.</param>
/// <param name="DeadLetters">The oldest of them, up to the limit asked for.</param>
public sealed record DeadLettersResponse(long Total, IReadOnlyList<DeadLetterResponse> DeadLetters);
