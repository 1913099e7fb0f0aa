-- Orleans.Counters: PostgreSQL schema of the durable events stream (src/Orleans.Counters.Postgres/Queue).
--
-- A stream provider owns QueueCount queues. A stream (key = account) always maps to the same queue
-- (xxHash32 of the stream key, modulo QueueCount). Each queue hands out sequence numbers in commit
-- order from its counter row, so a higher sequence of a queue never becomes visible before a lower one.
-- A row holds the messages of one group commit for the streams of one queue (at most one message per
-- stream): stream_keys and payloads side by side, pending the streams not yet acknowledged. A row stays
-- until every message in it is acknowledged (or dead-lettered); a row leased more than MaxDeliveries
-- times moves its pending messages to counters_stream_dead_letter, one dead letter per message.
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

-- Rows whose messages are not all acknowledged. Each message (a payload, one per stream of the row)
-- holds its events serialised with Orleans' serializer; the columns added below hold them (stream_key
-- and payload held the one message of a row written before issue 18). visible_at is when the row may be leased again ('-infinity' until its first lease); deliveries counts the leases;
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
    visible_at       timestamptz NOT NULL DEFAULT '-infinity',
    leased_by        uuid,

    CONSTRAINT counters_stream_message_pk PRIMARY KEY (provider, queue_id, seq)
) WITH (fillfactor = 80);

-- Added after the first release: databases created before it get the column here.
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS leased_by uuid;

-- A new row may be leased at once: '-infinity', not its enqueue's now(). A queue's sequences follow its
-- counter lock, not when the enqueues began, and a dequeue compares visible_at with its own now() (its
-- transaction's start, taken before its snapshot): with rows visible from their enqueue's start, a dequeue
-- whose clock fell between two enqueues, the later sequence's having begun first, saw the later row
-- without the earlier one, and handed the stream out of order (docs/exactly-once.md, item 9).
ALTER TABLE counters_stream_message ALTER COLUMN visible_at SET DEFAULT '-infinity';

-- Rows of several messages (issue 18): stream_keys[i] is the stream of message payloads[i]; pending
-- the streams whose message is neither acknowledged nor dead-lettered (the row goes when it is empty);
-- key_failures[i] how many times the consumer of stream_keys[i] failed on its message (NULL: none).
-- Rows written before hold one message in stream_key and payload: converted below, so every row has
-- the new form and stream_key and payload stay NULL from then on.
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS stream_keys text[];
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS payloads bytea[];
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS pending text[];
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS key_failures integer[];
ALTER TABLE counters_stream_message ALTER COLUMN stream_key DROP NOT NULL;
ALTER TABLE counters_stream_message ALTER COLUMN payload DROP NOT NULL;

-- How many times the consumer tried to apply the row and threw, and its last error: a row that
-- fails MaxDeliveries times is a poison message and moves to the dead letters (with its stream's
-- later rows). Defaults, so that the enqueue statement names neither.
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS failures integer NOT NULL DEFAULT 0;
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS last_error text;

-- previous_seqs[i]: the sequence of the previous message of stream_keys[i] in this queue when it was
-- enqueued (NULL: none known, e.g. the stream's first message, or one enqueued before this column).
-- An ingest grain handed a message whose predecessor it has not applied knows its stream arrived out of
-- order, and applies the stream's unacknowledged messages before it first (docs/exactly-once.md, item 9).
ALTER TABLE counters_stream_message ADD COLUMN IF NOT EXISTS previous_seqs bigint[];

-- The last message enqueued for each stream of each queue, which the next one links to. Only an
-- enqueue writes it, under its queue's counter lock, so the links follow the queue's sequence order;
-- previous_seq is what last_seq was before the enqueue that wrote the row last (what it links to).
CREATE TABLE IF NOT EXISTS counters_stream_head
(
    provider         text    NOT NULL,
    queue_id         integer NOT NULL,
    stream_namespace text    NOT NULL,
    stream_key       text    NOT NULL,
    last_seq         bigint  NOT NULL,
    previous_seq     bigint,

    CONSTRAINT counters_stream_head_pk PRIMARY KEY (provider, queue_id, stream_namespace, stream_key)
);

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

    CONSTRAINT counters_stream_dead_letter_pk PRIMARY KEY (provider, queue_id, seq, stream_namespace, stream_key)
);

-- failures: how many times the consumer threw on it. error: why the consumer refused it (its last
-- error, or the earlier dead letter of its stream it waits behind); NULL for a row moved here because
-- its leases ran out unacknowledged, which the consumer had taken. A refused row holds back the
-- later rows of its stream until it is replayed (docs/exactly-once.md, item 8).
ALTER TABLE counters_stream_dead_letter ADD COLUMN IF NOT EXISTS failures integer NOT NULL DEFAULT 0;
ALTER TABLE counters_stream_dead_letter ADD COLUMN IF NOT EXISTS error text;
UPDATE counters_stream_message
SET stream_keys = ARRAY[stream_key], payloads = ARRAY[payload], pending = ARRAY[stream_key],
    key_failures = ARRAY[failures], stream_key = NULL, payload = NULL
WHERE stream_keys IS NULL;

-- A gateway of the earlier release, still running while the silos are upgraded, inserts rows of the
-- earlier form: they are converted as they come (the WHEN keeps the function off the new rows' path).
CREATE OR REPLACE FUNCTION counters_stream_message_from_single() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.stream_keys := ARRAY[NEW.stream_key];
    NEW.payloads := ARRAY[NEW.payload];
    NEW.pending := ARRAY[NEW.stream_key];
    NEW.stream_key := NULL;
    NEW.payload := NULL;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER counters_stream_message_from_single
    BEFORE INSERT ON counters_stream_message
    FOR EACH ROW WHEN (NEW.stream_keys IS NULL AND NEW.stream_key IS NOT NULL)
    EXECUTE FUNCTION counters_stream_message_from_single();

-- A row's messages become dead letters one by one, so a dead letter is one stream's message of a row:
-- the key names the stream too (databases created before have the key without it).
DO $$
BEGIN
    IF (SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'counters_stream_dead_letter_pk') = 3 THEN
        ALTER TABLE counters_stream_dead_letter DROP CONSTRAINT counters_stream_dead_letter_pk;
        ALTER TABLE counters_stream_dead_letter ADD CONSTRAINT counters_stream_dead_letter_pk
            PRIMARY KEY (provider, queue_id, seq, stream_namespace, stream_key);
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS counters_stream_dead_letter_stream
    ON counters_stream_dead_letter (provider, queue_id, stream_namespace, stream_key, seq);

-- Tuning for a queue: rows live seconds, so the tables are small and churn fast. Vacuum them after a
-- fixed number of dead rows, not a share of a table that is nearly empty, and without the cost delay,
-- so that dequeues do not wade through dead rows; leave room on each page so that a lease, a renewal
-- and an acknowledgement (updates of columns no index holds) stay HOT. The counter rows take an update
-- per enqueue, and so do the head rows of the streams it touched. Durability is kept: no UNLOGGED table.
ALTER TABLE counters_stream_message SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000, autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE counters_stream_head SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE counters_stream_queue SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_cost_delay = 0);

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
