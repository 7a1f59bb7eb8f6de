#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback for the scale-out tests (from Debian's packages).
#   tools/test-services.sh start   → prints the TEST_POSTGRES_URL and TEST_REDIS_URL to export
#   tools/test-services.sh stop
#   tools/test-services.sh run <command…>   → start, run the command with TEST_DATABASE=postgres and
#                                             both URLs set, stop (whatever the command's outcome)
# Data lives in $TEST_SERVICES_DIR (default /tmp/moodlobby-test-services) and is deleted on stop.
set -euo pipefail
dir=${TEST_SERVICES_DIR:-/tmp/moodlobby-test-services}
pg_port=${TEST_PG_PORT:-55432}
redis_port=${TEST_REDIS_PORT:-56379}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# PostgreSQL refuses to run as root; use its own account then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    [ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }
    mkdir -p "$dir"
    if [ ! -f "$dir/pg/PG_VERSION" ]; then
      mkdir -p "$dir/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$dir/pg"; }
      as_pg "$pg_bin/initdb" -D "$dir/pg" -U moodlobby --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    [ "$(id -u)" != 0 ] || chown postgres "$dir"
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w \
      -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c timezone=UTC -c max_connections=200 -c fsync=off" start >/dev/null
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    echo "export TEST_POSTGRES_URL=postgres://moodlobby@127.0.0.1:$pg_port/postgres"
    echo "export TEST_REDIS_URL=redis://127.0.0.1:$redis_port"
    ;;
  stop)
    [ -f "$dir/pg/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null || true
    if [ -f "$dir/redis.pid" ]; then
      redis_pid=$(cat "$dir/redis.pid")
      kill "$redis_pid" 2>/dev/null || true
      # Redis still writes its log while it exits; removing the directory before that races it.
      for _ in $(seq 1 100); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  run)
    shift
    self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
    trap '"$self" stop' EXIT
    eval "$("$self" start)"
    export TEST_DATABASE=postgres
    "$@"
    ;;
  *)
    echo "usage: $0 start|stop|run <command…>" >&2; exit 2 ;;
esac
