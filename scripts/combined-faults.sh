#!/usr/bin/env bash
# Repeats CombinedFaultTests (a silo kill -9, a PostgreSQL crash and a gateway kill -9 in one run, on
# 3 silos and 2 gateways) N times with varied seeds and fault timings: the duplicate activations it
# looks for came once in 13 runs, too rarely for one CI run to catch. Not part of CI.
#
#   bash scripts/combined-faults.sh N            # N runs, Debug build
#   CONFIGURATION=Release bash scripts/combined-faults.sh 20
#   COUNTERS_CHAOS_SEED_BASE=1000 bash scripts/combined-faults.sh 5   # the same seeds and timings again
#
# Prints one line of figures per run and a summary; keeps each run's log under TestResults/combined/;
# exits 1 if any run failed. Needs what the test needs: root (PostgreSQL runs as its own user) and
# Debian's postgresql (scripts/postgres-server.sh installs it when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/repeat-runs.sh

read_runs "$@"

configuration=${CONFIGURATION:-Debug}
base=${COUNTERS_CHAOS_SEED_BASE:-$((RANDOM * 32768 + RANDOM))}
logs=TestResults/combined
mkdir -p "$logs"

build_integration_tests "$configuration" "$logs"

# Fault timings from the seed, so that a base gives the same runs again: the silo dies after 15–45 %
# of the batches; PostgreSQL crashes with it or up to 6 s later (its death is declared about 6 s after
# the kill, so sometimes while the database is down); the gateway dies after 20–70 % of the batches,
# sometimes while the database is still down.
RANDOM=$((base % 32768))
passed=0
failed=()
for run in $(seq 1 "$runs"); do
  seed=$((base + run))
  silo=0.$((15 + RANDOM % 31))
  postgres_delay=$((RANDOM % 7))
  postgres="$silo+$postgres_delay"
  if ((RANDOM % 3 == 0)); then
    gateway="$silo+$((postgres_delay + 2 + RANDOM % 4))"   # 2–5 s into the database outage
  else
    gateway=0.$((20 + RANDOM % 51))
  fi
  offsets="$silo,$postgres,$gateway"
  log="$logs/run-$run-seed-$seed.log"
  before=$(chaos_lines)

  started=$(date +%s)
  CI=true COUNTERS_CHAOS_SEED=$seed COUNTERS_CHAOS_FAULT_OFFSETS=$offsets \
    timeout 1800 dotnet test tests/Orleans.Counters.Integration.Tests -c "$configuration" --no-build \
      --filter FullyQualifiedName~CombinedFaultTests --logger "console;verbosity=normal" > "$log" 2>&1
  status=$?
  took=$(( $(date +%s) - started ))

  # The run's record in chaos.txt (what was still wrong, if anything, follows on further lines).
  figures=$(chaos_since "$before" | sed -n '/^kill -9 of a silo, PostgreSQL crash/,$p' || true)
  summary="no figures recorded (see the log)"
  if [ -n "$figures" ]; then
    echo "$figures" > "${log%.log}.figures.txt"
    summary=$(echo "$figures" | grep -oE 'sent [0-9]+, acknowledged \(202\) [0-9]+, counted [0-9]+, lost [0-9]+, double counted [0-9]+' | head -1)
    summary+="; $(echo "$figures" | grep -oE '[0-9]+ periods through each of [0-9]+ gateways[^;]*' | head -1)"
    summary+="; $(echo "$figures" | grep -oE '[0-9]+ periods compared, [0-9]+ mismatches' | head -1)"
    summary+="; $(echo "$figures" | grep -oE 'activations vs stored: .*grains active twice' | head -1)"
  fi
  if run_passed "$status" "$log"; then
    verdict=PASS; passed=$((passed + 1))
  else
    verdict="FAIL (exit $status)"; failed+=("$run")
  fi
  echo "run $run/$runs $verdict seed $seed offsets $offsets (${took} s): $summary  [log $log]"
done

echo "combined faults: $runs runs, $passed passed, ${#failed[@]} failed${failed:+ (runs ${failed[*]})}; seed base $base (COUNTERS_CHAOS_SEED_BASE=$base repeats them)"
[ "${#failed[@]}" -eq 0 ]
