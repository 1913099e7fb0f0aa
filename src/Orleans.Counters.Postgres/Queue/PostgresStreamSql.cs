namespace Orleans.Counters.Postgres.Queue;

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
    /// Takes the next $3 visible rows of queue $2 in sequence order, in one index-ordered scan, for
    /// receiver $6, which must own the queue at epoch $7 (no check when $7 is null): those already
    /// leased $5 times, and those of a stream with an earlier refused dead letter (they wait behind
    /// it), move to the dead letters; the others are leased for $4 (an interval) with their delivery
    /// counted. One statement, so one transaction; SKIP LOCKED: two receivers never take the same row,
    /// and neither waits for the other. The owner row is share-locked, so a takeover waits for a
    /// dequeue under way and every later one sees it. A receiver that no longer owns the queue gets
    /// one row of kind 2 and leases nothing. Kinds: 0 leased, 1 dead-lettered, 2 queue lost.
    /// </summary>
    public const string Dequeue = """
        WITH owner AS (
            SELECT epoch
            FROM counters_stream_queue_owner
            WHERE provider = $1 AND queue_id = $2 AND owner = $6 AND epoch = $7
            FOR SHARE
        ),
        allowed AS (
            SELECT $7::bigint IS NULL OR EXISTS (SELECT 1 FROM owner) AS ok
        ),
        visible AS (
            SELECT m.seq, m.deliveries >= $5 AS exhausted,
                   (SELECT min(d.seq) FROM counters_stream_dead_letter d
                    WHERE d.provider = $1 AND d.queue_id = $2 AND d.stream_namespace = m.stream_namespace
                      AND d.stream_key = m.stream_key AND d.seq < m.seq AND d.error IS NOT NULL) AS behind
            FROM counters_stream_message m
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.visible_at <= now() AND (SELECT ok FROM allowed)
            ORDER BY m.seq
            LIMIT $3
            FOR UPDATE OF m SKIP LOCKED
        ),
        removed AS (
            DELETE FROM counters_stream_message m
            USING visible v
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = v.seq AND (v.exhausted OR v.behind IS NOT NULL)
            RETURNING m.queue_id, m.seq, m.stream_namespace, m.stream_key, m.payload, m.deliveries, m.failures, m.enqueued_at, v.behind
        ),
        buried AS (
            INSERT INTO counters_stream_dead_letter
                (provider, queue_id, seq, stream_namespace, stream_key, payload, deliveries, failures, error, enqueued_at, dead_at)
            SELECT $1, queue_id, seq, stream_namespace, stream_key, payload, deliveries, failures,
                   CASE WHEN behind IS NOT NULL THEN 'waits for dead letter ' || queue_id || ':' || behind END,
                   enqueued_at, now()
            FROM removed
            RETURNING seq, stream_namespace, stream_key, deliveries
        ),
        leased AS (
            UPDATE counters_stream_message m
            SET visible_at = now() + $4::interval, deliveries = m.deliveries + 1, leased_by = $6
            FROM visible v
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = v.seq AND NOT v.exhausted AND v.behind IS NULL
            RETURNING m.seq, m.stream_namespace, m.stream_key, m.payload, m.deliveries, m.enqueued_at
        )
        SELECT 0 AS kind, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at FROM leased
        UNION ALL
        SELECT 1, seq, stream_namespace, stream_key, NULL, deliveries, NULL FROM buried
        UNION ALL
        SELECT 2, 0, '', '', NULL, 0, NULL FROM allowed WHERE NOT ok
        """;

    /// <summary>
    /// Receiver $3 takes queue $2 over: the owner row gets epoch + 1 (1 for a queue never owned).
    /// Returns the new epoch, which its dequeues and renewals name from then on.
    /// </summary>
    public const string TakeQueue = """
        INSERT INTO counters_stream_queue_owner AS o (provider, queue_id, epoch, owner, taken_at)
        VALUES ($1, $2, 1, $3, now())
        ON CONFLICT (provider, queue_id) DO UPDATE SET epoch = o.epoch + 1, owner = excluded.owner, taken_at = now()
        RETURNING epoch
        """;

    /// <summary>
    /// The consumer failed to apply row $3 of queue $2 (error $4): counts it. The failure that makes
    /// $5 moves the row to the dead letters, and with it the later rows of its stream still in the
    /// queue, leased or not: a stream's rows are applied in order, so they wait behind it ($5 = 0
    /// moves them at once without counting: a row held behind an earlier dead letter). Returns
    /// 'counted', 'dead' (moved now or before) or 'gone' (acknowledged: in neither table).
    /// </summary>
    public const string RecordFailure = """
        WITH target AS (
            SELECT seq, stream_namespace, stream_key, failures + 1 >= $5 AS dies
            FROM counters_stream_message
            WHERE provider = $1 AND queue_id = $2 AND seq = $3
            FOR UPDATE
        ),
        counted AS (
            UPDATE counters_stream_message m
            SET failures = m.failures + 1, last_error = $4
            FROM target t
            WHERE NOT t.dies AND m.provider = $1 AND m.queue_id = $2 AND m.seq = t.seq
            RETURNING m.seq
        ),
        removed AS (
            DELETE FROM counters_stream_message m
            USING target t
            WHERE t.dies AND m.provider = $1 AND m.queue_id = $2 AND m.seq >= t.seq
              AND m.stream_namespace = t.stream_namespace AND m.stream_key = t.stream_key
            RETURNING m.seq, m.stream_namespace, m.stream_key, m.payload, m.deliveries, m.failures, m.enqueued_at
        ),
        buried AS (
            INSERT INTO counters_stream_dead_letter
                (provider, queue_id, seq, stream_namespace, stream_key, payload, deliveries, failures, error, enqueued_at, dead_at)
            SELECT $1, $2, r.seq, r.stream_namespace, r.stream_key, r.payload, r.deliveries,
                   CASE WHEN r.seq = $3 AND $5 > 0 THEN r.failures + 1 ELSE r.failures END,
                   CASE WHEN r.seq = $3 THEN $4 ELSE 'waits for dead letter ' || $2 || ':' || $3 END,
                   r.enqueued_at, now()
            FROM removed r
            RETURNING seq
        )
        SELECT CASE
            WHEN EXISTS (SELECT 1 FROM buried) THEN 'dead'
            WHEN EXISTS (SELECT 1 FROM counted) THEN 'counted'
            WHEN EXISTS (SELECT 1 FROM counters_stream_dead_letter WHERE provider = $1 AND queue_id = $2 AND seq = $3) THEN 'dead'
            ELSE 'gone'
        END
        """;

    /// <summary>
    /// Deletes the rows ($2 queue ids, $3 sequences); returns how many were in the queue. A dead letter
    /// that the consumer had taken (moved for its leases, not refused) goes too: its hours persisted it.
    /// </summary>
    public const string Acknowledge = """
        WITH acknowledged AS (
            SELECT queue_id, seq FROM unnest($2::integer[], $3::bigint[]) AS a(queue_id, seq)
        ),
        done AS (
            DELETE FROM counters_stream_dead_letter d
            USING acknowledged a
            WHERE d.provider = $1 AND d.queue_id = a.queue_id AND d.seq = a.seq AND d.error IS NULL
        )
        DELETE FROM counters_stream_message m
        USING acknowledged a
        WHERE m.provider = $1 AND m.queue_id = a.queue_id AND m.seq = a.seq
        """;

    /// <summary>
    /// The rows of stream ($3 namespace, $4 key) in queue $2 with a sequence above $5 and at most $6,
    /// leased or not, dead-lettered or not, in sequence order, each with the error that made the
    /// consumer refuse it (NULL unless refused): what a consumer re-applies after losing track of them.
    /// </summary>
    public const string ReadStream = """
        SELECT seq, payload, NULL::text AS error
        FROM counters_stream_message
        WHERE provider = $1 AND queue_id = $2 AND seq > $5 AND seq <= $6
          AND stream_namespace = $3 AND stream_key = $4
        UNION ALL
        SELECT seq, payload, error
        FROM counters_stream_dead_letter
        WHERE provider = $1 AND queue_id = $2 AND seq > $5 AND seq <= $6
          AND stream_namespace = $3 AND stream_key = $4
        ORDER BY seq
        """;

    /// <summary>
    /// Extends receiver $3's leases on rows $4 of queue $2 by $5 (an interval), while it owns the queue
    /// at epoch $6; returns the rows it still holds, and one row -1 when it no longer owns the queue.
    /// </summary>
    public const string Renew = """
        WITH owner AS (
            SELECT epoch FROM counters_stream_queue_owner
            WHERE provider = $1 AND queue_id = $2 AND owner = $3 AND epoch = $6
            FOR SHARE
        ),
        renewed AS (
            UPDATE counters_stream_message
            SET visible_at = now() + $5::interval
            WHERE provider = $1 AND queue_id = $2 AND leased_by = $3 AND seq = ANY($4) AND EXISTS (SELECT 1 FROM owner)
            RETURNING seq
        )
        SELECT seq FROM renewed
        UNION ALL
        SELECT -1 WHERE NOT EXISTS (SELECT 1 FROM owner)
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
        SELECT queue_id, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at, dead_at, failures, error
        FROM counters_stream_dead_letter
        WHERE provider = $1
        ORDER BY dead_at, queue_id, seq
        LIMIT $2
        """;

    /// <summary>
    /// Puts dead letters back in their queues, visible at once and with fresh counts, under their own
    /// sequences (their stream positions, which the consumers' replay filters compare): all of them, or
    /// the one at ($2 queue, $3 sequence) with the later dead letters of its stream, which wait behind
    /// it. Returns the rows put back.
    /// </summary>
    public const string ReplayDeadLetters = """
        WITH chosen AS (
            SELECT queue_id, seq, stream_namespace, stream_key
            FROM counters_stream_dead_letter
            WHERE provider = $1 AND ($2::integer IS NULL OR (queue_id = $2 AND seq = $3))
        ),
        revived AS (
            DELETE FROM counters_stream_dead_letter d
            USING chosen c
            WHERE d.provider = $1 AND d.queue_id = c.queue_id AND d.seq >= c.seq
              AND d.stream_namespace = c.stream_namespace AND d.stream_key = c.stream_key
            RETURNING d.queue_id, d.seq, d.stream_namespace, d.stream_key, d.payload, d.enqueued_at
        )
        INSERT INTO counters_stream_message (provider, queue_id, seq, stream_namespace, stream_key, payload, enqueued_at)
        SELECT $1, queue_id, seq, stream_namespace, stream_key, payload, enqueued_at FROM revived
        RETURNING queue_id, seq
        """;
}
