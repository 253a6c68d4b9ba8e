#!/bin/sh
# Builds Courant in BUILD_DIR (default _build) with the given meson options and
# runs the whole test suite under a virtual display.
# Usage: build-aux/run-tests.sh [BUILD_DIR [MESON_OPTION…]]
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
[ $# -gt 0 ] && shift

if [ -d "$build" ]; then
  meson setup --reconfigure "$build" "$top" "$@" >/dev/null
else
  meson setup "$build" "$top" "$@" >/dev/null
fi
ninja -C "$build"

export LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
xvfb-run -a -s "-screen 0 1280x1024x24" meson test -C "$build" --print-errorlogs --timeout-multiplier 3
