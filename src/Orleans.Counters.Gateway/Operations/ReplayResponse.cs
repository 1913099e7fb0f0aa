namespace Orleans.Counters.Gateway.Operations;

/// <summary>The answer of <c>POST /api/admin/dead-letters/replay</c>.</summary>
/// <param name="Replayed">How many dead letters went back to their queues.</param>
/// <param name="Ids">Their ids (queue:sequence), in queue order.</param>
public sealed record ReplayResponse(int Replayed, IReadOnlyList<string> Ids);
