namespace Orleans.Counters.Postgres.Queue;

/// <summary>The statements of the queue, one round trip each; $1 is always the provider name.</summary>
internal static class PostgresStreamSql
{
    /// <summary>
    /// Enqueues a batch of rows ($2 queue ids, $3 namespaces, in input order; $4 each message's row, as
    /// an index into those, $5 its stream key, $6 its payload) in one statement, so in one transaction.
    /// The upsert bumps each touched queue's counter by the number of rows for it, in queue-id order (so
    /// two batches lock shared queues in the same order and cannot deadlock), and keeps those rows
    /// locked until commit: the next batch of a queue waits, so it gets higher sequences and commits
    /// later. Each message links to its stream's previous one in the queue (previous_seqs): the one
    /// before it in this batch, or else the stream's head row, which the upsert moves to the batch's
    /// last and which only an enqueue holding the queue's counter lock writes, so links follow the
    /// sequences. Returns each queue's counter after the bump; its rows got next_seq - count …
    /// next_seq - 1 in input order.
    /// </summary>
    public const string Enqueue = """
        WITH input AS (
            SELECT r.queue_id, r.stream_namespace, r.ord
            FROM unnest($2::integer[], $3::text[]) WITH ORDINALITY AS r(queue_id, stream_namespace, ord)
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
        sequenced AS (
            SELECT i.queue_id, i.stream_namespace, i.ord,
                   r.next_seq - c.n - 1 + row_number() OVER (PARTITION BY i.queue_id ORDER BY i.ord) AS seq
            FROM input i
            JOIN counts c ON c.queue_id = i.queue_id
            JOIN reserved r ON r.queue_id = i.queue_id
        ),
        messages AS (
            SELECT s.queue_id, s.stream_namespace, s.seq, m.stream_key, m.payload, m.ord,
                   lag(s.seq) OVER (PARTITION BY s.queue_id, s.stream_namespace, m.stream_key ORDER BY s.seq) AS previous_in_batch
            FROM unnest($4::integer[], $5::text[], $6::bytea[]) WITH ORDINALITY AS m(row_ord, stream_key, payload, ord)
            JOIN sequenced s ON s.ord = m.row_ord
        ),
        heads AS (
            INSERT INTO counters_stream_head AS h (provider, queue_id, stream_namespace, stream_key, last_seq)
            SELECT $1, queue_id, stream_namespace, stream_key, max(seq) FROM messages
            GROUP BY queue_id, stream_namespace, stream_key
            ORDER BY queue_id, stream_namespace, stream_key
            ON CONFLICT (provider, queue_id, stream_namespace, stream_key)
            DO UPDATE SET previous_seq = h.last_seq, last_seq = excluded.last_seq
            RETURNING h.queue_id, h.stream_namespace, h.stream_key, h.previous_seq
        ),
        inserted AS (
            INSERT INTO counters_stream_message (provider, queue_id, seq, stream_namespace, stream_keys, payloads, pending, previous_seqs)
            SELECT $1, m.queue_id, m.seq, m.stream_namespace,
                   array_agg(m.stream_key ORDER BY m.ord), array_agg(m.payload ORDER BY m.ord), array_agg(m.stream_key ORDER BY m.ord),
                   array_agg(coalesce(m.previous_in_batch, h.previous_seq) ORDER BY m.ord)
            FROM messages m
            JOIN heads h ON h.queue_id = m.queue_id AND h.stream_namespace = m.stream_namespace AND h.stream_key = m.stream_key
            GROUP BY m.queue_id, m.seq, m.stream_namespace
        )
        SELECT queue_id, next_seq FROM reserved
        """;

    /// <summary>
    /// Takes the next $3 visible rows of queue $2 in sequence order, in one index-ordered scan, for
    /// receiver $6, which must own the queue at epoch $7 (no check when $7 is null), and returns their
    /// pending messages, one result row each, with the link to its stream's previous message: the messages of a row already leased $5 times, and those
    /// of a stream with an earlier refused dead letter (they wait behind it), move to the dead letters
    /// (out of the row's pending; a row left with none is deleted); the other rows are leased for $4
    /// (an interval) with their delivery counted. One statement, so one transaction; SKIP LOCKED: two
    /// receivers never take the same row, and neither waits for the other. The owner row is
    /// share-locked, so a takeover waits for a dequeue under way and every later one sees it. A
    /// receiver that no longer owns the queue gets one result of kind 2 and leases nothing. Kinds:
    /// 0 leased, 1 dead-lettered, 2 queue lost. The locked rows' own columns are read (not the
    /// statement's snapshot), so a message acknowledged just before is not handed out again.
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
            SELECT m.seq, m.deliveries >= $5 AS exhausted, m.stream_namespace, m.stream_keys, m.payloads,
                   m.pending, m.key_failures, m.deliveries, m.failures, m.enqueued_at, m.previous_seqs
            FROM counters_stream_message m
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.visible_at <= now() AND (SELECT ok FROM allowed)
            ORDER BY m.seq
            LIMIT $3
            FOR UPDATE OF m SKIP LOCKED
        ),
        messages AS (
            SELECT v.seq, v.exhausted, v.stream_namespace, k.stream_key, k.idx, k.payload, k.previous,
                   v.deliveries, coalesce(v.key_failures[k.idx], 0) AS failures, v.enqueued_at,
                   (SELECT min(d.seq) FROM counters_stream_dead_letter d
                    WHERE d.provider = $1 AND d.queue_id = $2 AND d.stream_namespace = v.stream_namespace
                      AND d.stream_key = k.stream_key AND d.seq < v.seq AND d.error IS NOT NULL) AS behind
            FROM visible v
            -- Keys and payloads unnested together: payloads[idx] would detoast the whole array once per message.
            -- A row written before previous_seqs has it NULL: unnest pads it with NULLs.
            CROSS JOIN LATERAL unnest(v.stream_keys, v.payloads, v.previous_seqs) WITH ORDINALITY AS k(stream_key, payload, previous, idx)
            WHERE k.stream_key = ANY (v.pending)
        ),
        kept AS (
            SELECT v.seq, coalesce(g.pending, '{}') AS pending
            FROM visible v
            LEFT JOIN (SELECT seq, array_agg(stream_key ORDER BY idx) AS pending FROM messages
                       WHERE NOT exhausted AND behind IS NULL GROUP BY seq) g ON g.seq = v.seq
        ),
        buried AS (
            INSERT INTO counters_stream_dead_letter
                (provider, queue_id, seq, stream_namespace, stream_key, payload, deliveries, failures, error, enqueued_at, dead_at)
            SELECT $1, $2, seq, stream_namespace, stream_key, payload, deliveries, failures,
                   CASE WHEN behind IS NOT NULL THEN 'waits for dead letter ' || $2 || ':' || behind END,
                   enqueued_at, now()
            FROM messages
            WHERE exhausted OR behind IS NOT NULL
            RETURNING seq, stream_namespace, stream_key, deliveries
        ),
        removed AS (
            DELETE FROM counters_stream_message m
            USING kept k
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = k.seq AND cardinality(k.pending) = 0
        ),
        leased AS (
            UPDATE counters_stream_message m
            SET visible_at = now() + $4::interval, deliveries = m.deliveries + 1, leased_by = $6, pending = k.pending
            FROM kept k
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = k.seq AND cardinality(k.pending) > 0
            RETURNING m.seq, m.deliveries
        )
        SELECT 0 AS kind, g.seq, g.stream_namespace, g.stream_key, g.payload, l.deliveries, g.enqueued_at, g.idx, g.previous
        FROM leased l JOIN messages g ON g.seq = l.seq AND NOT g.exhausted AND g.behind IS NULL
        UNION ALL
        SELECT 1, seq, stream_namespace, stream_key, NULL, deliveries, NULL, 0, NULL FROM buried
        UNION ALL
        SELECT 2, 0, '', '', NULL, 0, NULL, 0, NULL FROM allowed WHERE NOT ok
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
    /// The consumer of stream ($6 namespace, $7 key) failed to apply its message in row $3 of queue $2
    /// (error $4): counts it. The failure that makes $5 moves the message to the dead letters, and with
    /// it the stream's later messages still in the queue, leased or not: a stream's messages are
    /// applied in order, so they wait behind it ($5 = 0 moves them at once without counting: a message
    /// held behind an earlier dead letter). A message moved leaves its row's pending; a row left with
    /// none is deleted. Returns 'counted', 'dead' (moved now or before) or 'gone' (acknowledged: in
    /// neither table).
    /// </summary>
    public const string RecordFailure = """
        WITH target AS (
            SELECT m.seq, array_position(m.stream_keys, $7) AS idx,
                   coalesce(m.key_failures[array_position(m.stream_keys, $7)], 0) + 1 >= $5 AS dies
            FROM counters_stream_message m
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = $3 AND m.stream_namespace = $6 AND $7 = ANY (m.pending)
            FOR UPDATE
        ),
        counted AS (
            UPDATE counters_stream_message m
            SET key_failures = ARRAY(SELECT coalesce(m.key_failures[i], 0) + CASE WHEN i = t.idx THEN 1 ELSE 0 END
                                     FROM generate_series(1, cardinality(m.stream_keys)) AS i ORDER BY i),
                last_error = $4
            FROM target t
            WHERE NOT t.dies AND m.provider = $1 AND m.queue_id = $2 AND m.seq = t.seq
            RETURNING m.seq
        ),
        affected AS (
            SELECT m.seq, m.payloads[array_position(m.stream_keys, $7)] AS payload, m.deliveries,
                   coalesce(m.key_failures[array_position(m.stream_keys, $7)], 0) AS failures, m.enqueued_at,
                   array_remove(m.pending, $7) AS remaining
            FROM counters_stream_message m, target t
            WHERE t.dies AND m.provider = $1 AND m.queue_id = $2 AND m.seq >= t.seq
              AND m.stream_namespace = $6 AND $7 = ANY (m.pending)
            FOR UPDATE OF m
        ),
        removed AS (
            DELETE FROM counters_stream_message m
            USING affected a
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = a.seq AND cardinality(a.remaining) = 0
        ),
        shrunk AS (
            UPDATE counters_stream_message m
            SET pending = a.remaining
            FROM affected a
            WHERE m.provider = $1 AND m.queue_id = $2 AND m.seq = a.seq AND cardinality(a.remaining) > 0
        ),
        buried AS (
            INSERT INTO counters_stream_dead_letter
                (provider, queue_id, seq, stream_namespace, stream_key, payload, deliveries, failures, error, enqueued_at, dead_at)
            SELECT $1, $2, a.seq, $6, $7, a.payload, a.deliveries,
                   CASE WHEN a.seq = $3 AND $5 > 0 THEN a.failures + 1 ELSE a.failures END,
                   CASE WHEN a.seq = $3 THEN $4 ELSE 'waits for dead letter ' || $2 || ':' || $3 END,
                   a.enqueued_at, now()
            FROM affected a
            RETURNING seq
        )
        SELECT CASE
            WHEN EXISTS (SELECT 1 FROM buried) THEN 'dead'
            WHEN EXISTS (SELECT 1 FROM counted) THEN 'counted'
            WHEN EXISTS (SELECT 1 FROM counters_stream_dead_letter
                         WHERE provider = $1 AND queue_id = $2 AND seq = $3 AND stream_namespace = $6 AND stream_key = $7) THEN 'dead'
            ELSE 'gone'
        END
        """;

    /// <summary>
    /// Acknowledges messages ($2 queue ids, $3 sequences, $4 stream keys): takes each out of its row's
    /// pending and deletes a row left with none, in one statement whatever the number of messages and
    /// rows. Rows are locked in (queue, sequence) order, as every other statement that locks several
    /// takes them. Returns how many messages were still pending. A dead letter that the consumer had
    /// taken (moved for its leases, not refused) goes too: its hours persisted it.
    /// </summary>
    public const string Acknowledge = """
        WITH input AS (
            SELECT queue_id, seq, stream_key FROM unnest($2::integer[], $3::bigint[], $4::text[]) AS a(queue_id, seq, stream_key)
        ),
        acknowledged AS (
            SELECT queue_id, seq, array_agg(stream_key) AS stream_keys FROM input GROUP BY queue_id, seq
        ),
        target AS (
            SELECT m.queue_id, m.seq, cardinality(m.pending) AS had,
                   ARRAY(SELECT p FROM unnest(m.pending) AS p WHERE p <> ALL (a.stream_keys)) AS remaining
            FROM counters_stream_message m
            JOIN acknowledged a ON m.provider = $1 AND m.queue_id = a.queue_id AND m.seq = a.seq
            WHERE m.pending && a.stream_keys
            ORDER BY m.queue_id, m.seq
            FOR UPDATE OF m
        ),
        done AS (
            DELETE FROM counters_stream_dead_letter d
            USING input a
            WHERE d.provider = $1 AND d.queue_id = a.queue_id AND d.seq = a.seq AND d.stream_key = a.stream_key AND d.error IS NULL
        ),
        removed AS (
            DELETE FROM counters_stream_message m
            USING target t
            WHERE m.provider = $1 AND m.queue_id = t.queue_id AND m.seq = t.seq AND cardinality(t.remaining) = 0
            RETURNING t.had AS n
        ),
        shrunk AS (
            UPDATE counters_stream_message m
            SET pending = t.remaining
            FROM target t
            WHERE m.provider = $1 AND m.queue_id = t.queue_id AND m.seq = t.seq AND cardinality(t.remaining) > 0
            RETURNING t.had - cardinality(t.remaining) AS n
        )
        SELECT (SELECT coalesce(sum(n), 0) FROM removed) + (SELECT coalesce(sum(n), 0) FROM shrunk)
        """;

    /// <summary>
    /// The messages of stream ($3 namespace, $4 key) in queue $2 with a sequence above $5 and at most
    /// $6, pending in their rows (leased or not) or dead-lettered, in sequence order, each with the error
    /// that made the consumer refuse it (NULL unless refused): what a consumer re-applies after losing
    /// track of them.
    /// </summary>
    public const string ReadStream = """
        SELECT seq, payloads[array_position(stream_keys, $4)] AS payload, NULL::text AS error
        FROM counters_stream_message
        WHERE provider = $1 AND queue_id = $2 AND seq > $5 AND seq <= $6
          AND stream_namespace = $3 AND $4 = ANY (pending)
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
    /// Puts dead letters back in their queues, with fresh counts, under their own sequences (their
    /// stream positions, which the consumers' replay filters compare): all of them, or the one at ($2
    /// queue, $3 sequence: every stream's message of that row) with the later dead letters of their
    /// streams, which wait behind them.
    /// A message whose row is gone gets a row of its own again, visible at once; one whose row is still
    /// there (other streams' messages of it are pending) is pending in it again, and is delivered with
    /// the row's next lease. Returns the messages put back.
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
        ),
        rows AS (
            SELECT queue_id, seq, stream_namespace, array_agg(stream_key ORDER BY stream_key) AS stream_keys,
                   array_agg(payload ORDER BY stream_key) AS payloads, min(enqueued_at) AS enqueued_at
            FROM (SELECT DISTINCT ON (queue_id, seq, stream_namespace, stream_key) * FROM revived) r
            GROUP BY queue_id, seq, stream_namespace
        ),
        put AS (
            INSERT INTO counters_stream_message AS m (provider, queue_id, seq, stream_namespace, stream_keys, payloads, pending, enqueued_at)
            SELECT $1, queue_id, seq, stream_namespace, stream_keys, payloads, stream_keys, enqueued_at FROM rows
            ON CONFLICT (provider, queue_id, seq) DO UPDATE
            SET pending = m.pending || ARRAY(SELECT k FROM unnest(excluded.pending) AS k WHERE k <> ALL (m.pending)),
                key_failures = ARRAY(SELECT CASE WHEN k = ANY (excluded.pending) THEN 0 ELSE coalesce(m.key_failures[i], 0) END
                                     FROM unnest(m.stream_keys) WITH ORDINALITY AS u(k, i) ORDER BY i),
                deliveries = 0
        )
        SELECT queue_id, seq, stream_key FROM revived
        """;
}
