-- Orleans.Counters: the accounts' API keys (the gateway's Counters:Security).
-- Idempotent; PostgreSQL 15 or later.

BEGIN;

-- Only the SHA-256 of each key's secret is kept: a stolen table opens nothing.
-- Revoke a key with the API (DELETE /api/accounts/{account}/keys/{id}) or by setting revoked_at.
CREATE TABLE IF NOT EXISTS counters_api_key
(
    id          varchar(16) NOT NULL,
    account     varchar(64) NOT NULL,
    kind        varchar(8)  NOT NULL,
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL,

    CONSTRAINT pk_counters_api_key PRIMARY KEY (id),
    CONSTRAINT ck_counters_api_key_kind CHECK (kind IN ('ingest', 'read', 'import')),
    CONSTRAINT ck_counters_api_key_secret_hash CHECK (length(secret_hash) = 32)
);

CREATE INDEX IF NOT EXISTS ix_counters_api_key_account ON counters_api_key (account);

-- Import keys (POST /api/import) came later: widen the kind check of a table made before them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'ck_counters_api_key_kind'
                     AND pg_get_constraintdef(oid) LIKE '%import%') THEN
        ALTER TABLE counters_api_key DROP CONSTRAINT IF EXISTS ck_counters_api_key_kind;
        ALTER TABLE counters_api_key ADD CONSTRAINT ck_counters_api_key_kind CHECK (kind IN ('ingest', 'read', 'import'));
    END IF;
END
$$;

COMMIT;
