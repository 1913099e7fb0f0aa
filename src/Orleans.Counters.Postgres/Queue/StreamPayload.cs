namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// What a row's payload holds: the events of one stream message and the producer's request context.
/// The alias keeps stored rows readable across renames.
/// </summary>
[GenerateSerializer, Alias("counters.postgres-stream-payload")]
internal sealed class StreamPayload
{
    [Id(0)]
    public List<object> Events { get; set; } = [];

    [Id(1)]
    public Dictionary<string, object>? RequestContext { get; set; }
}
