#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another, with a 2 GB memory
# limit, after seeding their corpora (seed.py). Needs cargo-fuzz (installed into ../.tools by
# `make fuzz`) and a toolchain that takes the sanitizer flags: nightly, or stable with
# RUSTC_BOOTSTRAP=1 as here. Crashes land in fuzz/artifacts/<target>/; a line per target is
# appended to fuzz/runs.log.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
shift || true
TARGETS=${*:-clean segment tag summarize read model config document pipeline}
CARGO_FUZZ=${CARGO_FUZZ:-../.tools/bin/cargo-fuzz}
python3 seed.py "${DATA:-../../shared/data}"
export RUSTC_BOOTSTRAP=1
"$CARGO_FUZZ" build -O
# The binaries built above are run directly, so that edits made while a long run goes on
# neither rebuild them nor change what is being fuzzed.
BIN=target/x86_64-unknown-linux-gnu/release
for target in $TARGETS; do
    mkdir -p "corpus/$target" "artifacts/$target"
    started=$(date -u +%FT%TZ)
    set +e
    "$BIN/$target" -artifact_prefix="artifacts/$target/" -max_total_time="$SECONDS_EACH" \
        -max_len=262144 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        "corpus/$target" >"artifacts/$target/last.log" 2>&1
    status=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "artifacts/$target/last.log" | grep -o '[0-9]*$' || echo 0)
    echo "$started $target ${SECONDS_EACH}s exit=$status execs=$runs" | tee -a runs.log
done
