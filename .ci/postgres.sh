#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests of the PostgreSQL portfolio store.
#
#   source .ci/postgres.sh            # starts a server, exports ATRADIUS_TEST_POSTGRES (an Npgsql connection string)
#   trap atradius_postgres_stop EXIT  # stops it and deletes its files
#
#   bash .ci/postgres.sh start        # the same from another program: prints the two export lines to evaluate
#   bash .ci/postgres.sh stop DIR     # stops the server whose files are in DIR (ATRADIUS_TEST_POSTGRES_DIR)
#
# The server is a new cluster in a temporary folder, listening on 127.0.0.1 on a free port, trusting local TCP
# connections, with fsync off: its data is thrown away, so durability would only cost test time. When no
# PostgreSQL binaries are installed, the Debian package is installed first (as root).

atradius_postgres_bin() {
  local pg_ctl
  pg_ctl="$(ls -1 /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)" || true
  if [ -z "$pg_ctl" ]; then
    echo "== installing postgresql (no pg_ctl under /usr/lib/postgresql/*/bin)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    pg_ctl="$(ls -1 /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)" || true
  fi
  if [ -z "$pg_ctl" ]; then
    echo "PostgreSQL is not installed and could not be installed" >&2
    return 1
  fi
  dirname "$pg_ctl"
}

# A port nothing listens on, below the kernel's range of ephemeral ports: a port in that range can be taken as the
# local end of any outgoing connection (tests open many) between this check and the server's bind.
atradius_postgres_free_port() {
  local port low
  low="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)" || true
  [ -n "$low" ] && [ "$low" -gt 11000 ] || low=32768
  for _ in $(seq 1 100); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

atradius_postgres_start() {
  local bin dir port as_owner=()
  bin="$(atradius_postgres_bin)" || return 1
  dir="$(mktemp -d "${TMPDIR:-/tmp}/atradius-postgres.XXXXXX")" || return 1
  # initdb refuses to run as root: the cluster belongs to the postgres user then.
  if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$dir"
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  local attempt started=""
  for attempt in 1 2 3 4 5; do
    port="$(atradius_postgres_free_port)" || return 1
    rm -f "$dir/server.log"
    if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      started=1
      break
    fi
    # Another program took the port after it was checked: try another one; any other failure is final.
    grep -q "Address already in use" "$dir/server.log" || break
    echo "== port $port was taken before PostgreSQL could bind it (attempt $attempt), trying another" >&2
  done
  if [ -z "$started" ]; then
    cat "$dir/server.log" >&2
    return 1
  fi
  export ATRADIUS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  export ATRADIUS_TEST_POSTGRES_DIR="$dir"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (files in $dir)" >&2
}

atradius_postgres_stop() {
  local dir="${1:-${ATRADIUS_TEST_POSTGRES_DIR:-}}" bin as_owner=()
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  bin="$(dirname "$(ls -1 /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)")" || true
  if [ "$(id -u)" = "0" ]; then
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  if [ "$dir" = "${ATRADIUS_TEST_POSTGRES_DIR:-}" ]; then
    unset ATRADIUS_TEST_POSTGRES ATRADIUS_TEST_POSTGRES_DIR
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      atradius_postgres_start
      printf 'export ATRADIUS_TEST_POSTGRES=%q\nexport ATRADIUS_TEST_POSTGRES_DIR=%q\n' "$ATRADIUS_TEST_POSTGRES" "$ATRADIUS_TEST_POSTGRES_DIR"
      ;;
    stop)
      atradius_postgres_stop "${2:?the server folder (ATRADIUS_TEST_POSTGRES_DIR)}"
      ;;
    *)
      echo "usage: source .ci/postgres.sh | bash .ci/postgres.sh start | bash .ci/postgres.sh stop DIR" >&2
      exit 2
      ;;
  esac
else
  atradius_postgres_start
fi
