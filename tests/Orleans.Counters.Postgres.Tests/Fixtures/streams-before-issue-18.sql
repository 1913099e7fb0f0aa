-- The streams schema as released before issue 18 (one message per row), kept to test that
-- silo-config/postgresql/streams.sql converts a database created by it (OldRowsTests).
-- Orleans.Counters: PostgreSQL schema of the durable events stream (src/Orleans.Counters.Streaming.Postgres).
--
-- A stream provider owns QueueCount queues. A stream (key = account) always maps to the same queue
-- (xxHash32 of the stream key, modulo QueueCount). Each queue hands out sequence numbers in commit
-- order from its counter row, so a higher sequence of a queue never becomes visible before a lower one.
-- Rows stay until acknowledged by (queue, seq); a row leased more than MaxDeliveries times moves to
-- counters_stream_dead_letter.
--
-- Idempotent: safe to apply again and again, also on a live database (psql -v ON_ERROR_STOP=1 -f streams.sql).
-- Requires PostgreSQL 15 or later. Identifiers are lower case and unquoted.

BEGIN;

DO $$
BEGIN
    IF current_setting('server_version_num')::int < 150000 THEN
        RAISE EXCEPTION 'Orleans.Counters streams schema needs PostgreSQL 15 or later (found %)', version();
    END IF;
    -- Serialise concurrent applications of this file (held until COMMIT).
    PERFORM pg_advisory_xact_lock(hashtext('Orleans.Counters streams.sql'));
END
$$;

-- One row per (provider, queue), created by the first enqueue. next_seq is the next sequence to hand
-- out; an enqueue bumps it and keeps the row locked until it commits, which orders the queue's
-- sequences by commit. A rolled-back enqueue rolls its bump back too: sequences have no gaps.
CREATE TABLE IF NOT EXISTS counters_stream_queue
(
    provider text    NOT NULL,
    queue_id integer NOT NULL,
    next_seq bigint  NOT NULL,

    CONSTRAINT counters_stream_queue_pk PRIMARY KEY (provider, queue_id),
    CONSTRAINT counters_stream_queue_next_seq_positive CHECK (next_seq > 0)
);

-- Messages not yet acknowledged. payload is one stream message: its events serialised with Orleans'
-- serializer. visible_at is when the row may be leased (again); deliveries counts the leases;
-- leased_by names the receiver instance that took the last lease, which only that receiver renews.
-- fillfactor leaves room on each page so that a lease (an update of non-indexed columns) stays HOT.
CREATE TABLE IF NOT EXISTS counters_stream_message
(
    provider         text        NOT NULL,
    queue_id         integer     NOT NULL,
    seq              bigint      NOT NULL,
    stream_namespace text        NOT NULL,
    stream_key       text        NOT NULL,
    payload          bytea       NOT NULL,
    deliveries       integer     NOT NULL DEFAULT 0,
    enqueued_at      timestamptz NOT NULL DEFAULT now(),
    visible_at       timestamptz NOT NULL DEFAULT now(),
    leased_by        uuid,

    CONSTRAINT counters_stream_message_pk PRIMARY KEY (provider, queue_id, seq)
) WITH (fillfactor = 80);

-- Added after the first release: databases created before it get the column here.
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS leased_by uuid;

-- How many times the consumer tried to apply the row and threw, and its last error: a row that
-- fails MaxDeliveries times is a poison message and moves to the dead letters (with its stream's
-- later rows). Defaults, so that the enqueue statement names neither.
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS failures integer NOT NULL DEFAULT 0;
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS last_error text;

-- Messages delivered MaxDeliveries times without an acknowledgement, moved here in the transaction
-- that removed them from counters_stream_message. Kept until an operator deals with them.
CREATE TABLE IF NOT EXISTS counters_stream_dead_letter
(
    provider         text        NOT NULL,
    queue_id         integer     NOT NULL,
    seq              bigint      NOT NULL,
    stream_namespace text        NOT NULL,
    stream_key       text        NOT NULL,
    payload          bytea       NOT NULL,
    deliveries       integer     NOT NULL,
    enqueued_at      timestamptz NOT NULL,
    dead_at          timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT counters_stream_dead_letter_pk PRIMARY KEY (provider, queue_id, seq)
);

-- failures: how many times the consumer threw on it. error: why the consumer refused it (its last
-- error, or the earlier dead letter of its stream it waits behind); NULL for a row moved here because
-- its leases ran out unacknowledged, which the consumer had taken. A refused row holds back the
-- later rows of its stream until it is replayed (docs/exactly-once.md, item 8).
ALTER TABLE counters_stream_dead_letter ADD COLUMN IF NOT EXISTS failures integer NOT NULL DEFAULT 0;
ALTER TABLE counters_stream_dead_letter ADD COLUMN IF NOT EXISTS error text;
CREATE INDEX IF NOT EXISTS counters_stream_dead_letter_stream
    ON counters_stream_dead_letter (provider, queue_id, stream_namespace, stream_key, seq);

-- The receiver that owns each queue: a receiver taking a queue over bumps epoch, and every dequeue
-- and lease renewal names the epoch it holds, so a previous owner that still runs reads nothing more.
CREATE TABLE IF NOT EXISTS counters_stream_queue_owner
(
    provider text        NOT NULL,
    queue_id integer     NOT NULL,
    epoch    bigint      NOT NULL,
    owner    uuid        NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT counters_stream_queue_owner_pk PRIMARY KEY (provider, queue_id)
);

COMMIT;
