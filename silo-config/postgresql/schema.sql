-- Orleans.Counters: PostgreSQL schema for the Orleans AdoNet providers
-- (Microsoft.Orleans.Clustering.AdoNet and Microsoft.Orleans.Persistence.AdoNet, 10.4.2).
--
-- The providers ship no SQL. They load their statements from the OrleansQuery table by key and bind
-- named parameters (@DeploymentId, @GrainIdHash, ...). This file implements that contract as used by
-- Orleans 10.4.2: the query keys, parameter names/types and result columns its C# code reads.
-- Clustering (membership + gateway list) and grain persistence only; no reminders, streams or directory.
--
-- Idempotent: safe to apply again and again, also on a live database (psql -v ON_ERROR_STOP=1 -f schema.sql).
-- Requires PostgreSQL 15 or later (UNIQUE ... NULLS NOT DISTINCT).
--
-- Identifiers are unquoted on purpose: the providers run "SELECT QueryKey, QueryText FROM OrleansQuery"
-- unquoted, so every table and column must fold to lower case. Result columns are aliased with quoted
-- mixed-case names so they match the names the providers look up, exactly and case-sensitively.

BEGIN;

DO $$
BEGIN
    IF current_setting('server_version_num')::int < 150000 THEN
        RAISE EXCEPTION 'Orleans.Counters schema needs PostgreSQL 15 or later (found %)', version();
    END IF;
    -- Serialise concurrent applications of this file (held until COMMIT).
    PERFORM pg_advisory_xact_lock(hashtext('Orleans.Counters schema.sql'));
END
$$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

------------------------------------------------------------------------------------------------------
-- Clustering
------------------------------------------------------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterOptions.ClusterId). Version is the membership table
-- ETag: every membership insert/update must present the current value and bumps it.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,

    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation. timestamptz, not timestamp: Npgsql sends the providers' UTC DateTime
-- parameters (DbType.DateTime) as timestamptz, so no session-time-zone conversion can creep in.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     text         NOT NULL,
    HostName     text         NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,

    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

CREATE OR REPLACE FUNCTION orleans_insert_membership_version(p_deployment_id text)
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (p_deployment_id)
    ON CONFLICT (DeploymentId) DO NOTHING;

    RETURN FOUND;
END
$$;

-- Inserting a silo and bumping the table version must be atomic and conditional on the version the
-- caller read. Locking the version row first serialises membership writers of a cluster; a writer
-- that waited re-checks Version against the committed row and fails cleanly. Nothing is written
-- unless both steps succeed, so no sub-transaction or ASSERT-based rollback is needed.
CREATE OR REPLACE FUNCTION orleans_insert_membership(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive_time timestamptz,
    p_version        integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_version
    FOR UPDATE;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
        Timestamp = now()
    WHERE DeploymentId = p_deployment_id;

    RETURN true;
END
$$;

-- Same locking scheme as orleans_insert_membership.
CREATE OR REPLACE FUNCTION orleans_update_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_version
    FOR UPDATE;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable
    SET Status = p_status,
        SuspectTimes = p_suspect_times,
        IAmAliveTime = p_i_am_alive_time
    WHERE DeploymentId = p_deployment_id
      AND Address = p_address
      AND Port = p_port
      AND Generation = p_generation;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
        Timestamp = now()
    WHERE DeploymentId = p_deployment_id;

    RETURN true;
END
$$;

CREATE OR REPLACE FUNCTION orleans_delete_membership_entries(p_deployment_id text)
    RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = p_deployment_id;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = p_deployment_id;
END
$$;

-- Boolean results are read as the single column of a single row (GetSingleBooleanValue).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $sql$
SELECT orleans_insert_membership_version(@DeploymentId) AS "Inserted"
$sql$),

('InsertMembershipKey', $sql$
SELECT orleans_insert_membership(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$sql$),

('UpdateMembershipKey', $sql$
SELECT orleans_update_membership(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Updated"
$sql$),

-- Heartbeats deliberately leave the table version alone (Orleans' extended membership protocol).
('UpdateIAmAlivetimeKey', $sql$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
$sql$),

-- The provider takes the table version from the first row and treats a NULL StartTime as "no silo",
-- so the version row is LEFT JOINed: exactly one row comes back even when the silo is unknown.
('MembershipReadRowKey', $sql$
SELECT
    v.DeploymentId AS "DeploymentId",
    m.Address      AS "Address",
    m.Port         AS "Port",
    m.Generation   AS "Generation",
    m.SiloName     AS "SiloName",
    m.HostName     AS "HostName",
    m.Status       AS "Status",
    m.ProxyPort    AS "ProxyPort",
    m.SuspectTimes AS "SuspectTimes",
    m.StartTime    AS "StartTime",
    m.IAmAliveTime AS "IAmAliveTime",
    v.Version      AS "Version"
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$sql$),

-- One statement, so rows and version come from the same snapshot.
('MembershipReadAllKey', $sql$
SELECT
    v.DeploymentId AS "DeploymentId",
    m.Address      AS "Address",
    m.Port         AS "Port",
    m.Generation   AS "Generation",
    m.SiloName     AS "SiloName",
    m.HostName     AS "HostName",
    m.Status       AS "Status",
    m.ProxyPort    AS "ProxyPort",
    m.SuspectTimes AS "SuspectTimes",
    m.StartTime    AS "StartTime",
    m.IAmAliveTime AS "IAmAliveTime",
    v.Version      AS "Version"
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
ORDER BY m.Address, m.Port, m.Generation
$sql$),

('DeleteMembershipTableEntriesKey', $sql$
SELECT orleans_delete_membership_entries(@DeploymentId)
$sql$),

-- Used by clients (and silos) to find gateways; the provider passes @Status = 3 (Active).
('GatewaysQueryKey', $sql$
SELECT
    Address    AS "Address",
    ProxyPort  AS "ProxyPort",
    Generation AS "Generation"
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0
$sql$),

-- Required by the provider, but 10.4.2 only runs it when CleanupDefunctSiloEntryKey is absent:
-- dead silos whose last heartbeat is older than the cut-off.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND IAmAliveTime < @IAmAliveTime
$sql$),

-- Optional key that 10.4.2 prefers: it reads all rows, picks the dead ones past the cut-off itself and
-- deletes each only if it is still exactly as read (compare-and-delete), so a row that changed in the
-- meantime survives. SuspectTimes compares NULL and '' alike because the provider reads '' back as NULL.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '')
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

------------------------------------------------------------------------------------------------------
-- Grain persistence
------------------------------------------------------------------------------------------------------

-- Payload is PayloadBinary only: the 10.x provider reads and writes no other payload column.
-- GrainIdExtensionString is NULL for integer/GUID keys without extension and holds the whole key for
-- string-keyed grains. Id is a surrogate primary key for tooling and logical replication; the
-- provider never sees it.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    Id                     bigint       GENERATED ALWAYS AS IDENTITY,
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL,

    CONSTRAINT pk_orleansstorage PRIMARY KEY (Id)
);

-- The grain's natural key. NULLS NOT DISTINCT so that two rows with a NULL extension string still
-- collide; that makes the first-write INSERT safe under races. The two hashes lead so the same index
-- serves every lookup.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString,
                       GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- The provider parses versions as Int32; wrap instead of overflowing on very hot grains. ETags only
-- need to change, not to grow.
CREATE OR REPLACE FUNCTION orleans_next_version(p_version integer)
    RETURNS integer
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
AS $$
    SELECT CASE WHEN p_version >= 2147483647 THEN 1 ELSE p_version + 1 END
$$;

-- Returns the new version, or NULL when nothing was written: the row already exists although the
-- grain had no ETag, or the ETag is stale. The provider turns NULL into InconsistentStateException.
CREATE OR REPLACE FUNCTION orleans_write_to_storage(
    p_grain_id_hash            integer,
    p_grain_id_n0              bigint,
    p_grain_id_n1              bigint,
    p_grain_type_hash          integer,
    p_grain_type_string        text,
    p_grain_id_extension_string text,
    p_service_id               text,
    p_grain_state_version      integer,
    p_payload_binary           bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    v_new_version integer;
BEGIN
    IF p_grain_state_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
             ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
             p_grain_id_extension_string, p_service_id, p_payload_binary, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO v_new_version;
    ELSE
        UPDATE OrleansStorage
        SET PayloadBinary = p_payload_binary,
            ModifiedOn = now(),
            Version = orleans_next_version(Version)
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND ServiceId = p_service_id
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type_string
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension_string
          AND Version = p_grain_state_version
        RETURNING Version INTO v_new_version;
    END IF;

    RETURN v_new_version;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- No row means "never written"; a row with NULL payload means "cleared" (its Version is still the ETag).
('ReadFromStorageKey', $sql$
SELECT
    PayloadBinary AS "PayloadBinary",
    Version       AS "Version"
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

('WriteToStorageKey', $sql$
SELECT orleans_write_to_storage(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion"
$sql$),

-- The provider reads the new version from column 0; no row means a stale ETag.
('ClearStorageKey', $sql$
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    ModifiedOn = now(),
    Version = orleans_next_version(Version)
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING Version AS "NewGrainStateVersion"
$sql$),

-- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear = true. It must
-- return a version different from the grain's ETag to signal success, hence next(Version).
('DeleteStorageKey', $sql$
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING orleans_next_version(Version) AS "NewGrainStateVersion"
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
