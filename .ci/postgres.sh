#!/usr/bin/env bash
# A private PostgreSQL cluster for the PostgreSQL tests and benchmark: data and a unix
# socket in a temporary folder, no TCP (listen_addresses=''), trust authentication for
# local connections. Usable locally too:
#
#   eval "$(.ci/postgres.sh start /tmp/clearance-pg)"   # prints the exports to set
#   swift test --filter PostgreSQL
#   .ci/postgres.sh stop /tmp/clearance-pg
#
# Installs PostgreSQL from the system's packages if no server binaries are found
# (Debian/Ubuntu: apt-get install postgresql). initdb refuses to run as root, so as root
# the cluster runs as the `postgres` user (created by the package).
set -euo pipefail

command=${1:-}
folder=${2:-}
if [[ -z "$command" || -z "$folder" ]]; then
  echo "usage: $0 start|stop FOLDER" >&2
  exit 2
fi

find_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$found" ]] && command -v pg_ctl >/dev/null; then
    found=$(dirname "$(command -v pg_ctl)")
  fi
  echo "$found"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
start)
  bin=$(find_bin)
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "postgres.sh: installing PostgreSQL from the system's packages" >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    bin=$(find_bin)
  fi
  mkdir -p "$folder/socket"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres "$folder"; fi
  as_owner "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C >&2
  as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
    -o "-c listen_addresses='' -k $folder/socket -c fsync=off -c shared_buffers=256MB" start >&2
  echo "export CLEARANCE_POSTGRES_SOCKET=$folder/socket"
  echo "export CLEARANCE_POSTGRES_USER=postgres"
  ;;
stop)
  bin=$(find_bin)
  if [[ -d "$folder/data" ]]; then
    as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$folder"
  ;;
*)
  echo "usage: $0 start|stop FOLDER" >&2
  exit 2
  ;;
esac
