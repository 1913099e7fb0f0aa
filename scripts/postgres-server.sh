#!/usr/bin/env bash
# Throwaway PostgreSQL server for local runs and tests of Orleans.Counters.
#
#   scripts/postgres-server.sh start DIR [PORT]
#       initdb DIR (if needed), start on PORT (default: a free 127.0.0.1 port), create database
#       "counters", print its Npgsql connection string
#   scripts/postgres-server.sh stop DIR [fast|immediate]
#       stop the server running from DIR; "immediate" aborts it like a crash (recovery on next start)
#
# COUNTERS_PG_SETTINGS (optional): more server settings for start, e.g.
#   "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
# COUNTERS_PG_STATEMENTS_OUT (optional): on stop, append the top statements of pg_stat_statements (by
#   total time) to this file before the server stops: how a bench run's queue work is profiled.
# stdout carries exactly one line (the connection string, on start); everything else goes to stderr.
# Authentication is "trust" for local and 127.0.0.1/::1 connections, superuser "postgres": never use
# this for anything but a disposable server. Installs Debian's postgresql package when missing.
# POSTGRES_FSYNC=on starts it with fsync=on and full_page_writes=on, as a user's server runs (the
# default, off, is faster and enough for tests; the bench measures both).
# Works as root (the server itself runs as the "postgres" user) and as a regular user.
set -euo pipefail

readonly DB_NAME=counters
readonly DB_USER=postgres

readonly SERVER_SCRIPT=postgres-server
source "$(dirname "${BASH_SOURCE[0]}")/lib/throwaway-server.sh"

usage() {
    echo "usage: $0 start DIR [PORT] | stop DIR [fast|immediate]" >&2
    exit 2
}

find_pgbin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$dir" && -x "$dir/pg_ctl" ]] && printf '%s\n' "$dir"
}

ensure_postgres_installed() {
    PGBIN=$(find_pgbin || true)
    if [[ -n "${PGBIN:-}" ]]; then
        return
    fi
    install_debian_package postgresql PostgreSQL
    PGBIN=$(find_pgbin || true)
    [[ -n "${PGBIN:-}" ]] || die "postgresql installed, but no /usr/lib/postgresql/*/bin/pg_ctl found"
}

# Run a PostgreSQL server binary as the account that owns the data directory. The server refuses to
# run as root, so root delegates to "postgres".
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

resolve_dir() {
    local dir=$1
    [[ -n "$dir" ]] || usage
    mkdir -p -- "$dir"
    (cd -- "$dir" && pwd -P)
}

is_running() {
    as_pg "$PGBIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

random_port() {
    echo $(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
}

running_port() {
    # Line 4 of postmaster.pid is the port the server listens on.
    sed -n '4p' "$DATA_DIR/postmaster.pid"
}

init_cluster() {
    if [[ -f "$DATA_DIR/PG_VERSION" ]]; then
        log "reusing existing cluster in $DATA_DIR"
        return
    fi
    if [[ -n "$(ls -A -- "$DATA_DIR")" ]]; then
        die "$DATA_DIR is neither empty nor a PostgreSQL data directory"
    fi
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist"
        chown postgres:postgres "$DATA_DIR"
        runuser -u postgres -- test -w "$DATA_DIR" \
            || die "user 'postgres' cannot reach $DATA_DIR (a parent directory is not traversable); use a directory under /tmp"
    fi
    chmod 0700 "$DATA_DIR"
    log "initdb $DATA_DIR"
    as_pg "$PGBIN/initdb" -D "$DATA_DIR" -U "$DB_USER" --auth-local=trust --auth-host=trust \
        --encoding=UTF8 --locale=C >&2
}

# Starts the server on a port; returns 1 when the port was taken (a race), exits on any other failure.
start_on_port() {
    local port=$1
    # Unix socket only when its path fits the 107-byte limit; clients use TCP anyway.
    local socket_dir=$DATA_DIR
    if (( ${#DATA_DIR} > 90 )); then
        socket_dir=""
    fi

    # Skipping fsync makes tests much faster and loses nothing when the server process crashes (the
    # OS still holds what it wrote), only when the machine does. Commits stay synchronous, so a
    # server stopped with "immediate" keeps every transaction it reported committed.
    local fsync=${POSTGRES_FSYNC:-off}
    [[ "$fsync" == on || "$fsync" == off ]] || die "POSTGRES_FSYNC must be on or off, not $fsync"
    log "starting server on 127.0.0.1:$port (fsync=$fsync)"
    if as_pg "$PGBIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$socket_dir' -c TimeZone=UTC -c max_connections=300 -c fsync=$fsync -c full_page_writes=$fsync ${COUNTERS_PG_SETTINGS:-}" \
        start >&2; then
        return 0
    fi
    if tail -n 20 "$DATA_DIR/server.log" 2>/dev/null | grep -q 'could not bind'; then
        return 1
    fi
    tail -n 20 "$DATA_DIR/server.log" >&2 2>/dev/null || true
    die "server failed to start, see $DATA_DIR/server.log"
}

start_server() {
    local requested_port=$1
    if [[ -n "$requested_port" ]]; then
        [[ "$requested_port" =~ ^[0-9]+$ ]] || die "not a port: $requested_port"
        start_on_port "$requested_port" || die "port $requested_port is in use"
        return
    fi

    local attempt port
    for attempt in $(seq 1 20); do
        port=$(random_port)
        if listening "$port"; then
            continue
        fi
        if start_on_port "$port"; then
            return
        fi
        # Lost a race for the port: try another.
    done
    die "no free port found after 20 attempts"
}

ensure_database() {
    local port=$1 exists
    exists=$("$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres -tA \
        -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
    if [[ "$exists" != "1" ]]; then
        log "creating database $DB_NAME"
        "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 \
            -c "CREATE DATABASE $DB_NAME" >&2
    fi
}

cmd_start() {
    ensure_postgres_installed
    DATA_DIR=$(resolve_dir "$1")
    init_cluster
    if is_running; then
        log "server in $DATA_DIR is already running"
    else
        start_server "${2:-}"
    fi
    local port
    port=$(running_port)
    [[ "$port" =~ ^[0-9]+$ ]] || die "cannot read the port from $DATA_DIR/postmaster.pid"
    ensure_database "$port"
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Database=%s\n' "$port" "$DB_USER" "$DB_NAME"
}

# The top statements by total execution time, as a Markdown table, appended to file $2.
dump_statements() {
    local port=$1 out=$2
    {
        printf '\n## %s, server %s\n\n| calls | total ms | mean ms | rows | statement |\n|---:|---:|---:|---:|---|\n' "$(date -u +%FT%TZ)" "$DATA_DIR"
        "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d "$DB_NAME" -tA -v ON_ERROR_STOP=1 \
            -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c \
            "SELECT format('| %s | %s | %s | %s | %s |', calls, round(total_exec_time), round(mean_exec_time::numeric, 3), rows,
                    replace(left(regexp_replace(query, '\\s+', ' ', 'g'), 140), '|', '\\|'))
             FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15"
        # With fsync on, each WAL flush is a disk wait: how many commits shared one says what a commit costs.
        "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U "$DB_USER" -d "$DB_NAME" -tA -v ON_ERROR_STOP=1 -c \
            "SELECT format(E'\\nWAL since start: %s records, %s MB, %s writes, %s flushes (fsync); %s commits in database %s',
                    w.wal_records, round(w.wal_bytes / 1048576.0), w.wal_write, w.wal_sync, d.xact_commit, d.datname)
             FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = current_database()"
    } >>"$out"
}

cmd_stop() {
    [[ -d "$1" ]] || die "no such directory: $1"
    PGBIN=$(find_pgbin || true)
    [[ -n "${PGBIN:-}" ]] || die "PostgreSQL is not installed"
    DATA_DIR=$(cd -- "$1" && pwd -P)
    [[ -f "$DATA_DIR/PG_VERSION" ]] || die "$DATA_DIR is not a PostgreSQL data directory"
    if ! is_running; then
        log "server in $DATA_DIR is not running"
        return
    fi
    local mode=${2:-fast}
    [[ "$mode" == fast || "$mode" == immediate ]] || usage
    if [[ -n "${COUNTERS_PG_STATEMENTS_OUT:-}" ]]; then
        dump_statements "$(running_port)" "$COUNTERS_PG_STATEMENTS_OUT" || log "could not read pg_stat_statements"
    fi
    as_pg "$PGBIN/pg_ctl" -D "$DATA_DIR" -m "$mode" -w -t 60 stop >&2
}

[[ $# -eq 2 || $# -eq 3 ]] || usage
case "$1" in
    start) cmd_start "$2" "${3:-}" ;;
    stop)  cmd_stop "$2" "${3:-}" ;;
    *)     usage ;;
esac
