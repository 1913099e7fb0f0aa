namespace Orleans.Counters.Streaming.Postgres;

/// <summary>The statements of the queue, one round trip each; $1 is always the provider name.</summary>
internal static class PostgresStreamSql
{
    /// <summary>
    /// Enqueues a batch ($2 queue ids, $3 namespaces, $4 keys, $5 payloads, in input order) in one
    /// statement, so in one transaction. The upsert bumps each touched queue's counter by the number of
    /// messages for it, in queue-id order (so two batches lock shared queues in the same order and
    /// cannot deadlock), and keeps those rows locked until commit: the next batch of a queue waits, so
    /// it gets higher sequences and commits later. Returns each queue's counter after the bump; its
    /// messages got next_seq - count … next_seq - 1 in input order.
    /// </summary>
    public const string Enqueue = """
        WITH input AS (
            SELECT m.queue_id, m.stream_namespace, m.stream_key, m.payload, m.ord
            FROM unnest($2::integer[], $3::text[], $4::text[], $5::bytea[])
                WITH ORDINALITY AS m(queue_id, stream_namespace, stream_key, payload, ord)
        ),
        counts AS (
            SELECT queue_id, count(*) AS n FROM input GROUP BY queue_id
        ),
        reserved AS (
            INSERT INTO counters_stream_queue AS q (provider, queue_id, next_seq)
            SELECT $1, c.queue_id, c.n + 1 FROM counts c ORDER BY c.queue_id
            ON CONFLICT (provider, queue_id) DO UPDATE SET next_seq = q.next_seq + (excluded.next_seq - 1)
            RETURNING q.queue_id, q.next_seq
        ),
        inserted AS (
            INSERT INTO counters_stream_message (provider, queue_id, seq, stream_namespace, stream_key, payload)
            SELECT $1, i.queue_id,
                   r.next_seq - c.n - 1 + row_number() OVER (PARTITION BY i.queue_id ORDER BY i.ord),
                   i.stream_namespace, i.stream_key, i.payload
            FROM input i
            JOIN counts c ON c.queue_id = i.queue_id
            JOIN reserved r ON r.queue_id = i.queue_id
        )
        SELECT queue_id, next_seq FROM reserved
        """;

    /// <summary>
    /// Takes the next $3 visible rows of queue $2 in sequence order, in one index-ordered scan: those
    /// already delivered $5 times move to the dead letters, the others are leased for $4 (an interval)
    /// by receiver $6 with their delivery counted. One statement, so one transaction. SKIP LOCKED: two receivers never
    /// take the same row, and neither waits for the other.
    /// </summary>
    public const string Dequeue = """
        WITH visible AS (
            SELECT seq, deliveries >= $5 AS exhausted
            FROM counters_stream_message
            WHERE provider = $1 AND queue_id = $2 AND visible_at <= now()
            ORDER BY seq
            LIMIT $3
            FOR UPDATE SKIP LOCKED
        ),
        removed AS (
            DELETE FROM counters_stream_message m
            USING visible v
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = v.seq AND v.exhausted
            RETURNING m.queue_id, m.seq, m.stream_namespace, m.stream_key, m.payload, m.deliveries, m.enqueued_at
        ),
        buried AS (
            INSERT INTO counters_stream_dead_letter
                (provider, queue_id, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at, dead_at)
            SELECT $1, queue_id, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at, now()
            FROM removed
            RETURNING seq, stream_namespace, stream_key, deliveries
        ),
        leased AS (
            UPDATE counters_stream_message m
            SET visible_at = now() + $4::interval, deliveries = m.deliveries + 1, leased_by = $6
            FROM visible v
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = v.seq AND NOT v.exhausted
            RETURNING m.seq, m.stream_namespace, m.stream_key, m.payload, m.deliveries, m.enqueued_at
        )
        SELECT false AS dead, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at FROM leased
        UNION ALL
        SELECT true, seq, stream_namespace, stream_key, NULL, deliveries, NULL FROM buried
        """;

    /// <summary>Deletes the rows ($2 queue ids, $3 sequences); returns how many there were.</summary>
    public const string Acknowledge = """
        DELETE FROM counters_stream_message m
        USING unnest($2::integer[], $3::bigint[]) AS a(queue_id, seq)
        WHERE m.provider = $1 AND m.queue_id = a.queue_id AND m.seq = a.seq
        """;

    /// <summary>
    /// The rows of stream ($3 namespace, $4 key) in queue $2 with a sequence above $5 and at most $6,
    /// leased or not, in sequence order: what a consumer re-applies after losing track of them.
    /// </summary>
    public const string ReadStream = """
        SELECT seq, payload
        FROM counters_stream_message
        WHERE provider = $1 AND queue_id = $2 AND seq > $5 AND seq <= $6
          AND stream_namespace = $3 AND stream_key = $4
        ORDER BY seq
        """;

    /// <summary>Extends receiver $3's leases on rows $4 of queue $2 by $5 (an interval); returns the rows it still holds.</summary>
    public const string Renew = """
        UPDATE counters_stream_message
        SET visible_at = now() + $5::interval
        WHERE provider = $1 AND queue_id = $2 AND leased_by = $3 AND seq = ANY($4)
        RETURNING seq
        """;

    /// <summary>
    /// Ends receiver $3's live leases on queue $2 except on rows $4, uncounting their delivery: the
    /// leases a dequeue took whose answer never arrived. Returns how many.
    /// </summary>
    public const string Reclaim = """
        UPDATE counters_stream_message
        SET visible_at = now(), deliveries = deliveries - 1, leased_by = NULL
        WHERE provider = $1 AND queue_id = $2 AND leased_by = $3 AND visible_at > now() AND seq <> ALL($4)
        """;

    /// <summary>Makes every row of queue $2 still under a lease of receiver $3 visible again at once.</summary>
    public const string Release = """
        UPDATE counters_stream_message
        SET visible_at = now(), leased_by = NULL
        WHERE provider = $1 AND queue_id = $2 AND leased_by = $3 AND visible_at > now()
        """;

    /// <summary>Whether any row of the queue is under a lease: at a receiver's start, a previous owner's.</summary>
    public const string HasLeases = """
        SELECT EXISTS (SELECT 1 FROM counters_stream_message WHERE provider = $1 AND queue_id = $2 AND visible_at > now())
        """;

    /// <summary>Counts the provider's dead letters.</summary>
    public const string CountDeadLetters = "SELECT count(*) FROM counters_stream_dead_letter WHERE provider = $1";

    /// <summary>The provider's dead letters, oldest first, at most $2.</summary>
    public const string ListDeadLetters = """
        SELECT queue_id, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at, dead_at
        FROM counters_stream_dead_letter
        WHERE provider = $1
        ORDER BY dead_at, queue_id, seq
        LIMIT $2
        """;
}
