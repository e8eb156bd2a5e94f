#!/usr/bin/env bash
# Times `SELECT count(*)` on a host table of ROWS rows (default 1,000,000) under the
# exported row-level security policy against the same count with the filter rendered by
# `clearance filter` as a plain WHERE clause, for three RepairOps users (owner: the whole
# org; manager: two shops; tech: assigned tickets), side by side. The table holds 50
# tenants' tickets, 2 of them in the directory, with an index on org. Also checks that
# both counts are equal.
#
# Uses the server of CLEARANCE_POSTGRES_SOCKET if set, else starts a private cluster with
# .ci/postgres.sh and stops it at the end.
#
#   Benchmarks/Scripts/postgres-rls.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
runs=5

if [[ -z "${CLEARANCE_POSTGRES_SOCKET:-}" ]]; then
  folder=$(mktemp -d /tmp/clearance-bench-postgres.XXXXXX)
  trap '.ci/postgres.sh stop "$folder"' EXIT
  eval "$(.ci/postgres.sh start "$folder")"
fi
export PGHOST=$CLEARANCE_POSTGRES_SOCKET PGUSER=${CLEARANCE_POSTGRES_USER:-postgres}
export PGDATABASE=${CLEARANCE_POSTGRES_DATABASE:-postgres}
psql_() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

swift build --product clearance >&2
clearance="$(swift build --show-bin-path)/clearance"
"$clearance" sql Fixtures/repairops --schema clearance_bench | psql_ >/dev/null 2>&1

psql_ >/dev/null <<SQL
DROP TABLE IF EXISTS bench_tickets;
CREATE TABLE bench_tickets (id bigint PRIMARY KEY, org text, shop text, assignee text, state text);
INSERT INTO bench_tickets
SELECT i,
  CASE i % 50 WHEN 0 THEN 'fixit' WHEN 1 THEN 'pixelfix' ELSE 'tenant-' || (i % 50) END,
  (ARRAY['downtown', 'uptown', 'airport', NULL])[1 + (i / 50) % 4],
  (ARRAY['theo', 'tara', 'ian', 'marco', NULL])[1 + (i / 200) % 5],
  (ARRAY['INTAKE', 'DIAGNOSTICS', 'IN_REPAIR', 'QC_REVIEW', 'READY_FOR_PICKUP', 'CLOSED'])[1 + (i / 7) % 6]
FROM generate_series(1, $rows) i;
CREATE INDEX ON bench_tickets (org);
ANALYZE bench_tickets;
SELECT clearance_bench.protect('bench_tickets', 'tickets::ticket::read');
DROP ROLE IF EXISTS bench_reader;
CREATE ROLE bench_reader;
GRANT SELECT ON bench_tickets TO bench_reader;
GRANT USAGE ON SCHEMA clearance_bench TO bench_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA clearance_bench TO bench_reader;
SQL

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf "%-8s %10s %12s %12s %7s\n" user rows "RLS ms" "filter ms" ratio
for user in olivia marco theo; do
  mapfile -t lines < <("$clearance" filter Fixtures/repairops "$user" tickets::ticket::read)
  where=${lines[0]}
  types=()
  values=()
  for line in "${lines[@]:1}"; do
    value=${line#*= }
    if [[ $value == \{* ]]; then
      types+=("text[]")
      values+=("ARRAY[${value:1:${#value}-2}]::text[]")
    else
      types+=(text)
      values+=("$value")
    fi
  done
  prepare="PREPARE q($(IFS=,; echo "${types[*]}")) AS SELECT count(*) FROM bench_tickets WHERE $where;"
  execute="EXECUTE q($(IFS=,; echo "${values[*]}"))"
  rls_sql="SET ROLE bench_reader; SET clearance.user_id = '$user';"
  rls_count=$(psql_ -c "$rls_sql" -c "SELECT count(*) FROM bench_tickets")
  filter_count=$(psql_ -c "$prepare" -c "$execute")
  if [[ "$rls_count" != "$filter_count" ]]; then
    echo "MISMATCH for $user: RLS $rls_count rows, filter $filter_count rows" >&2
    exit 1
  fi
  rls_ms=$(for _ in $(seq $runs); do
    psql_ -c "$rls_sql" -c "EXPLAIN (ANALYZE, TIMING OFF) SELECT count(*) FROM bench_tickets" |
      sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
  done | median)
  filter_ms=$(for _ in $(seq $runs); do
    psql_ -c "$prepare" -c "EXPLAIN (ANALYZE, TIMING OFF) $execute" |
      sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
  done | median)
  printf "%-8s %10s %12s %12s %7.2f\n" "$user" "$rls_count" "$rls_ms" "$filter_ms" \
    "$(echo "$rls_ms / $filter_ms" | bc -l)"
done
psql_ -c "DROP TABLE bench_tickets" -c "DROP SCHEMA clearance_bench CASCADE" \
  -c "DROP ROLE bench_reader" >/dev/null 2>&1
