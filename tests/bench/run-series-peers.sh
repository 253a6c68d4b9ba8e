#!/bin/sh
# Runs the DuckDB peer on the same readings as bench-series.
#
# Usage: tests/bench/run-series-peers.sh DEMO.sqlite [WORKDIR]
# Exports consumption(site_id, ts, kwh) to WORKDIR/readings.csv
# (series,ts_ms,value), then runs ../shared/peers/duckdb.mjs --readings
# readings.csv --tz Europe/Paris --width 1920, which prints the best of 3 warm
# runs of each query in milliseconds: scan_sum, heatmap_day_x_halfhour_mean,
# m4_all_rows (one M4 over all rows, pixels of [min ts, max ts]) and
# series_daily_sum_per_series. Run it from the repository root, in the same
# sitting as bench-series. The load's own peer, the sqlite3 shell summing the
# same column, is timed by bench-series itself, interleaved with each load:
#   BUILD/tests/bench/bench-series --load-only DEMO.sqlite
set -eu
db=${1:?usage: run-series-peers.sh DEMO.sqlite [WORKDIR]}
work=${2:-${TMPDIR:-/tmp}/courant-bench}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work"

if [ ! -s "$work/readings.csv" ] || [ "$db" -nt "$work/readings.csv" ]; then
  sqlite3 -readonly -csv -header "$db" \
    "SELECT site_id AS series, ts AS ts_ms, kwh AS value FROM consumption ORDER BY site_id, ts" \
    > "$work/readings.csv.tmp"
  mv "$work/readings.csv.tmp" "$work/readings.csv"
fi

PEERS=$("$root/../shared/peers/setup.sh")
PEERS=$PEERS node "$root/../shared/peers/duckdb.mjs" --readings "$work/readings.csv" \
  --tz Europe/Paris --width 1920
