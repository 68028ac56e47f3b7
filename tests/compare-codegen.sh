#!/bin/sh
# Whole-process wall time and max RSS of two builds of the codegen binary, in one run, alternating
# per command: `tests/compare-codegen.sh BEFORE AFTER [RUNS]` from the workspace root, where BEFORE
# and AFTER are copies of target/release/xtask (build one, copy it, build the other). Medians of
# RUNS (default 5) under GNU time, after one unmeasured run that fills the cache of formatted files;
# each build gets its own cache (CARGO_TARGET_DIR), and AFTER is also run with --no-cache. Used for
# the before/after figures in BENCHMARKS.md; `cargo xtask bench` measures one build.
set -eu
before=$1; after=$2; runs=${3:-5}
vendor=../shared/specs/scenario-vendor-swagger-2025-11.yaml
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run() { # LABEL BINARY ARGS...
  label=$1; binary=$2; shift 2
  CARGO_TARGET_DIR="$scratch/target-$label" "$binary" "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    rm -rf "$scratch/out"
    CARGO_TARGET_DIR="$scratch/target-$label" /usr/bin/time -f "%e %M" "$binary" "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | awk -v l="$label: $*" '{w[NR]=$1; r[NR]=$2} END {m=int((NR+1)/2); printf "%-16s %5.0f ms %6.1f MB  %s\n", substr(l,1,index(l,":")), w[m]*1000, r[m]/1024, substr(l,index(l,":")+2)}'
}
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for args in "codegen --check" "codegen" "codegen --schema $vendor --out $scratch/out --crate-name bench"; do
  # shellcheck disable=SC2086
  run before "$before" $args
  # shellcheck disable=SC2086
  run after "$after" $args
  # shellcheck disable=SC2086
  run after-no-cache "$after" $args --no-cache
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
