namespace Orleans.Counters.Postgres.Writing;

/// <summary>The statements of <see cref="DurableEventWriter"/>'s commit, besides the queue's own enqueue.</summary>
internal static class DurableWriteSql
{
    /// <summary>
    /// In one statement: records the commit keys $1 of the writes (kept for $2), and claims the
    /// (account, id) pairs ($4, $5) of the writes whose key was new ($3 is each pair's write key) for
    /// the idempotency window $6. Returns the new keys (account and id null), then the claimed pairs
    /// (key null): those that were new or whose earlier use had expired. A key already there was
    /// committed by an earlier attempt of the same write; if that attempt is still in flight, the
    /// insert waits for it to end, so the answer is never a guess.
    /// </summary>
    public const string RecordKeysAndClaimIds = """
        WITH recorded AS (
            INSERT INTO counters_commit_key AS k (key, expires_at)
            SELECT w.key, now() + $2::interval FROM unnest($1::uuid[]) AS w(key)
            ON CONFLICT (key) DO NOTHING
            RETURNING k.key
        ),
        claimed AS (
            INSERT INTO counters_event_id AS e (account, id, expires_at)
            SELECT t.account, t.id, now() + $6::interval
            FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(key, account, id)
            WHERE t.key IN (SELECT key FROM recorded)
            ON CONFLICT (account, id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE e.expires_at < now()
            RETURNING e.account, e.id
        )
        SELECT key, NULL::text AS account, NULL::text AS id FROM recorded
        UNION ALL
        SELECT NULL::uuid, account::text, id::text FROM claimed
        """;

    /// <summary>The answers ($2 repeats) of the writes $1, kept for a retry that finds them committed.</summary>
    public const string StoreRepeats = """
        UPDATE counters_commit_key AS k SET repeats = w.repeats
        FROM unnest($1::uuid[], $2::integer[]) AS w(key, repeats)
        WHERE k.key = w.key
        """;

    /// <summary>The stored answers of the writes $1 that an earlier attempt committed.</summary>
    public const string ReadRepeats = "SELECT key, repeats FROM counters_commit_key WHERE key = ANY($1)";
}
