#!/bin/sh
# run-sankey-peers.sh: our Sankey layout next to d3-sankey 0.12.3, on the same
# graphs, in the same sitting: layout time and weighted crossings (the peers'
# score, computed by ../shared/peers/sankey.mjs on both layouts).
#
#   tests/bench/run-sankey-peers.sh BUILD_DIR [DEMO.sqlite]
#
# Graphs: the demo's journeys (courant-cli flows, several option sets; made
# with courant-cli demo when DEMO.sqlite does not exist), and generated
# layered graphs (bench-sankey --generate): random, wide, 8 steps × 12
# labels, and about 500 nodes / 7,000 links.
set -eu

build=${1:?usage: run-sankey-peers.sh BUILD_DIR [DEMO.sqlite]}
demo=${2:-/tmp/courant-demo.sqlite}
here=$(cd "$(dirname "$0")" && pwd)
peers_dir=${PEERS_DIR:-$here/../../../shared/peers}
cli=$build/app/courant-cli
bench=$build/tests/bench/bench-sankey
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PEERS=${PEERS:-$("$peers_dir/setup.sh")}
export PEERS

[ -e "$demo" ] || "$cli" demo "$demo" >/dev/null

"$cli" flows "$demo" --format json >"$work/demo-5.json"
"$cli" flows "$demo" --format json --steps 8 >"$work/demo-8.json"
"$cli" flows "$demo" --format json --steps 6 --by both --top 12 >"$work/demo-both.json"
"$cli" flows "$demo" --format json --steps 6 --collapse-repeats >"$work/demo-collapse.json"
for seed in 1 2 3; do
  "$bench" --generate random --seed $seed >"$work/random-$seed.json"
  "$bench" --generate wide --seed $seed >"$work/wide-$seed.json"
  "$bench" --generate grid --seed $seed >"$work/grid-$seed.json"
done
"$bench" --generate big --seed 1 >"$work/big-1.json"

field () { sed -n "s/.*\"$1\": *\([0-9.e+]*\).*/\1/p" | head -n 1; }

printf '%-14s %5s %6s | %10s %10s %7s | %16s %16s %6s\n' \
  graph nodes links d3_ms ours_ms speedup d3_weighted ours_weighted ratio
for flows in "$work"/demo-*.json "$work"/random-*.json "$work"/wide-*.json "$work"/grid-*.json "$work"/big-*.json; do
  name=$(basename "$flows" .json)
  d3=$(node "$peers_dir/sankey.mjs" "$flows" --width 1920 --height 1000)
  ours_time=$("$bench" --layout "$flows" --width 1920 --height 1000 2>&1 >"$work/ours.json" | tail -n 1)
  ours=$(node "$peers_dir/sankey.mjs" --score "$work/ours.json")
  printf '%-14s %5s %6s | %10s %10s %7s | %16s %16s %6s\n' "$name" \
    "$(echo "$d3" | field nodes)" "$(echo "$d3" | field links)" \
    "$(echo "$d3" | field layout_ms)" "$(echo "$ours_time" | field layout_ms)" \
    "$(awk -v a="$(echo "$d3" | field layout_ms)" -v b="$(echo "$ours_time" | field layout_ms)" 'BEGIN { printf "%.0fx", a / b }')" \
    "$(echo "$d3" | field weighted_crossings)" "$(echo "$ours" | field weighted_crossings)" \
    "$(awk -v a="$(echo "$d3" | field weighted_crossings)" -v b="$(echo "$ours" | field weighted_crossings)" 'BEGIN { printf "%.3f", (a > 0) ? b / a : 1 }')"
done
