#!/usr/bin/env bash
# Repeats GracefulShutdownTests (3 silos in PostgreSQL mode, a gateway, a 50,000-event load, SIGTERM
# to one silo after a third of it) N times and prints, for each run, how long the silo took to stop,
# where that time went, and whether the counts came out exact. A stop's length depends on the
# machine's load, so one run says little: compare figures taken in one sitting, with `uptime`.
#
#   bash scripts/silo-stop-times.sh N            # N runs, Debug build
#   CONFIGURATION=Release bash scripts/silo-stop-times.sh 10
#
# The stages come from the stopped silo's own log (TestResults/graceful-shutdown.log, which the test
# writes), with Orleans' lifecycle stage timings switched on for the run:
#   streams    lifecycle stage Active: the stream provider stops its pulling agents (deliveries in
#              flight end, each receiver hands its leases back), and the silo tells clients to go
#   leave      stage BecomeActive: the silo marks itself ShuttingDown in the membership table
#   grains     stage GrainDeactivation: every activation deactivates, counters hand over (report, write)
#   dead       stage 2001: the silo marks itself Dead in the membership table
#   rest       the other stages, the host's other services, and the process's exit
# Keeps each run's logs under TestResults/silo-stop/; exits 1 if any run failed. Needs what the
# test needs: root (PostgreSQL runs as its own user) and Debian's postgresql.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/repeat-runs.sh

read_runs "$@"

configuration=${CONFIGURATION:-Debug}
logs=TestResults/silo-stop
mkdir -p "$logs"

build_integration_tests "$configuration" "$logs"

# Seconds of a stage, from "Stopping lifecycle stage 'NAME' took 'hh:mm:ss.fffffff'" in a silo log.
stage() {
  grep -A1 -F "Stopping lifecycle stage '$2'" "$1" | grep -oE "took '[0-9:.]+'" | head -1 |
    awk -F"[':]" '{ printf "%.2f", $2 * 3600 + $3 * 60 + $4 }'
}

passed=0
failed=()
stops=()
for run in $(seq 1 "$runs"); do
  log="$logs/run-$run.log"
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(chaos_lines)
  rm -f TestResults/graceful-shutdown.log

  started=$(date +%s)
  # Names with dots: through env, which a shell's own assignments cannot take.
  env CI=true \
    Logging__LogLevel__Orleans.Runtime.SiloLifecycleSubject=Debug \
    Logging__LogLevel__Orleans.Runtime.Catalog=Debug \
    Logging__LogLevel__Orleans.Hosting=Information \
    timeout 900 dotnet test tests/Orleans.Counters.Integration.Tests -c "$configuration" --no-build \
      --filter FullyQualifiedName~GracefulShutdownTests --logger "console;verbosity=normal" > "$log" 2>&1
  status=$?
  took=$(( $(date +%s) - started ))

  record=$(chaos_since "$before" | grep -m1 '^SIGTERM to one of 3 silos' || true)
  stop=$(echo "$record" | grep -oE 'after [0-9.]+ s' | head -1 | grep -oE '[0-9.]+')
  counts=$(echo "$record" | grep -oE 'lost [0-9]+, double counted [0-9]+' | head -1)
  compared=$(echo "$record" | grep -oE '[0-9]+ periods compared, [0-9]+ mismatches' | head -1)
  if echo "$counts" | grep -qE '^lost 0, double counted 0$' && echo "$compared" | grep -qE ' 0 mismatches$'; then
    exact=exact
  else
    exact="NOT exact"
  fi

  stages="no silo log"
  if [ -f TestResults/graceful-shutdown.log ]; then
    silo="$logs/run-$run.stopped-silo.log"
    awk '/^--- silo [0-9]+ \(stopped/ { on = 1; print; next } /^--- / { on = 0 } on' TestResults/graceful-shutdown.log > "$silo"
    mv TestResults/graceful-shutdown.log "$logs/run-$run.cluster.log"
    streams=$(stage "$silo" 'Active (20000)')
    leave=$(stage "$silo" 'BecomeActive (19999)')
    grains=$(stage "$silo" 'GrainDeactivation (19998)')
    dead=$(stage "$silo" '2001')
    activations=$(grep -A1 'Orleans.Runtime.Catalog' "$silo" | grep -oE 'DeactivateActivations: [0-9]+' | grep -oE '[0-9]+' | head -1)
    if [ -n "$stop" ] && [ -n "$streams" ] && [ -n "$leave" ] && [ -n "$grains" ] && [ -n "$dead" ]; then
      rest=$(awk -v t="$stop" -v a="$streams" -v b="$leave" -v c="$grains" -v d="$dead" 'BEGIN { printf "%.2f", t - a - b - c - d }')
      stages="streams $streams, leave $leave, grains $grains${activations:+ ($activations activations)}, dead $dead, rest $rest"
    else
      stages="stages not found in $silo"
    fi
  fi

  if run_passed "$status" "$log"; then
    verdict=PASS; passed=$((passed + 1))
  else
    verdict="FAIL (exit $status)"; failed+=("$run")
  fi
  [ -n "$stop" ] && stops+=("$stop")
  echo "run $run/$runs $verdict: stop ${stop:-?} s ($stages); ${counts:-no counts}, ${compared:-nothing compared}: $exact; load $load; ${took} s  [log $log]"
done

if [ "${#stops[@]}" -gt 0 ]; then
  summary=$(printf '%s\n' "${stops[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "stop min %.1f s, median %.1f s, max %.1f s", v[1], v[int((NR + 1) / 2)], v[NR] }')
else
  summary="no stop measured"
fi
echo "silo stop: $runs runs, $passed passed, ${#failed[@]} failed${failed:+ (runs ${failed[*]})}; $summary; load now $(cut -d' ' -f1-3 /proc/loadavg)"
[ "${#failed[@]}" -eq 0 ]
