#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with_postgres.sh COMMAND [ARG...]
#   scripts/with_postgres.sh bash -c 'psql "$DATABASE_URL" -c "select version()"'
#
# Installs Debian's `postgresql` when no initdb is found, creates a cluster in a temporary
# directory (trust auth, UTF8, fsync off: test data only), starts it on a free port on
# 127.0.0.1 with its unix socket inside the temporary directory, creates database `omzien`
# and runs COMMAND with DATABASE_URL=postgres://postgres@127.0.0.1:PORT/omzien (and the
# libpq variables PGHOST, PGPORT, PGUSER, PGDATABASE) exported. The server is always
# stopped and the directory removed afterwards; the exit code is COMMAND's.
#
# The role `postgres` is a superuser, so Django's test runner can create `test_omzien`.
# As root the server runs as the `postgres` system user (initdb refuses to run as root).
# Set PG_BIN to use another PostgreSQL bin directory. KEEP_PG_LOG=1 prints the server log.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

find_pg_bin() {
    local dir
    # Newest version first (sort -V), first one that has initdb.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -x "$dir/initdb" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if [ -z "${PG_BIN:-}" ]; then
    if ! PG_BIN="$(find_pg_bin)"; then
        echo ">>> no initdb under /usr/lib/postgresql/*/bin; installing Debian postgresql" >&2
        "$here/ensure_system_packages.sh" postgresql
        PG_BIN="$(find_pg_bin)" || {
            echo "error: postgresql installed but still no initdb under /usr/lib/postgresql" >&2
            exit 1
        }
    fi
fi

if [ "$(id -u)" -eq 0 ]; then
    if ! id -u postgres >/dev/null 2>&1; then
        echo "error: running as root but there is no 'postgres' system user to run the" \
            "server as (initdb refuses root)." >&2
        exit 1
    fi
    # /tmp, not $TMPDIR: the postgres user has to be able to reach the directory.
    tmp="$(mktemp -d /tmp/omzien-pg.XXXXXX)"
    chown postgres: "$tmp"
    as_pg() { (cd "$tmp" && runuser -u postgres -- "$@"); }
else
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/omzien-pg.XXXXXX")"
    as_pg() { (cd "$tmp" && "$@"); }
fi
data="$tmp/data"
sock="$tmp/sock"
log="$tmp/postgres.log"

cleanup() {
    set +e
    if [ -f "$data/postmaster.pid" ]; then
        if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            pid="$(head -n1 "$data/postmaster.pid" 2>/dev/null)"
            if [ -n "$pid" ]; then
                echo "warning: pg_ctl stop failed; killing postmaster $pid" >&2
                kill -9 "$pid" 2>/dev/null
                sleep 1
            fi
        fi
    fi
    if [ "${KEEP_PG_LOG:-0}" = 1 ] && [ -f "$log" ]; then
        echo "----- postgres log -----" >&2
        cat "$log" >&2
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

as_pg mkdir -p "$sock"

locale_arg=--locale=C
if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
    locale_arg=--locale=C.UTF-8
fi
as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 "$locale_arg" \
    --no-sync >"$tmp/initdb.log" 2>&1 || {
    echo "error: initdb failed:" >&2
    cat "$tmp/initdb.log" >&2
    exit 1
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

started=0
for _attempt in 1 2 3; do
    port="$(free_port)"
    if as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 -s \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start; then
        started=1
        break
    fi
    # Most likely someone grabbed the port between picking and binding; try another.
    echo "warning: postgres did not start on port $port, retrying" >&2
done
if [ "$started" != 1 ]; then
    echo "error: could not start postgres; log follows:" >&2
    cat "$log" >&2 || true
    exit 1
fi

"$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres omzien

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/omzien"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE=omzien
echo ">>> throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $DATABASE_URL" >&2

rc=0
"$@" || rc=$?
exit "$rc"
