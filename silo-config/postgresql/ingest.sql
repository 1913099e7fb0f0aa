-- Orleans.Counters: what the gateway needs besides the events queue (streams.sql).
-- Idempotent; PostgreSQL 15 or later.

BEGIN;

-- Event ids seen per account, so that a client retrying after a lost 202 is counted once.
-- A row older than expires_at no longer counts: the id may be used again.
CREATE TABLE IF NOT EXISTS counters_event_id
(
    account    varchar(64)  NOT NULL,
    id         varchar(128) NOT NULL,
    expires_at timestamptz  NOT NULL,

    CONSTRAINT pk_counters_event_id PRIMARY KEY (account, id)
);

CREATE INDEX IF NOT EXISTS ix_counters_event_id_expires_at ON counters_event_id (expires_at);

-- Commit keys: one per gateway write (a request's events), inserted in the transaction that enqueues
-- them. A commit retried after its answer was lost (the connection broke after COMMIT was sent) finds
-- its key and enqueues nothing again. repeats is the write's answer: how many of its events were left
-- out as repeats of an id. Needed only while the gateway may retry, so kept minutes, not a day.
CREATE TABLE IF NOT EXISTS counters_commit_key
(
    key        uuid        NOT NULL,
    expires_at timestamptz NOT NULL,
    repeats    integer     NOT NULL DEFAULT 0,

    CONSTRAINT pk_counters_commit_key PRIMARY KEY (key)
);

CREATE INDEX IF NOT EXISTS ix_counters_commit_key_expires_at ON counters_commit_key (expires_at);

COMMIT;
