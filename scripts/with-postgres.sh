#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on loopback:
#   scripts/with-postgres.sh .venv/bin/pytest
# Installs Debian's postgresql when it is missing, starts a private cluster in a temporary
# folder on port 54329, exports DATABASE_URL, runs the command, and stops the server.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "Installing Debian's postgresql"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
PORT=${PRONGSAI_PG_PORT:-54329}
DIR=$(mktemp -d /tmp/prongsai-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
  RUNAS=(runuser -u postgres --)
fi
cleanup() { "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/prongsai"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
