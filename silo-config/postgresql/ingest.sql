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

COMMIT;
