#!/bin/sh
# Runs the DuckDB peer on the same journeys as bench-flows.
#
# Usage: tests/bench/run-peers.sh DEMO.sqlite [WORKDIR]
# Exports events(customer_id, ts, event) to WORKDIR/events.csv (entity,ts_ms,event),
# then runs ../shared/peers/duckdb.mjs --events events.csv --steps 8, which
# prints the best of 3 warm runs of each query in milliseconds. Run it from
# the repository root, in the same sitting as bench-flows.
set -eu
db=${1:?usage: run-peers.sh DEMO.sqlite [WORKDIR]}
work=${2:-${TMPDIR:-/tmp}/courant-bench}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work"

if [ ! -s "$work/events.csv" ] || [ "$db" -nt "$work/events.csv" ]; then
  sqlite3 -readonly -csv -header "$db" \
    "SELECT customer_id AS entity, ts AS ts_ms, event FROM events ORDER BY customer_id, ts" \
    > "$work/events.csv.tmp"
  mv "$work/events.csv.tmp" "$work/events.csv"
fi

PEERS=$("$root/../shared/peers/setup.sh")
PEERS=$PEERS node "$root/../shared/peers/duckdb.mjs" --events "$work/events.csv" --steps 8
