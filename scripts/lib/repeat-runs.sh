# Sourced by the scripts that run one Integration.Tests class N times (combined-faults.sh,
# silo-stop-times.sh), from the repository root: the run count, the one build, what each run recorded
# in TestResults/chaos.txt, and whether it passed.

# read_runs "$@": sets runs to the N of the command line; usage and exit 2 when it is not a whole number > 0.
read_runs() {
  runs=${1:-}
  if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 N   (N > 0 runs)" >&2
    exit 2
  fi
}

# build_integration_tests CONFIGURATION LOGS: builds the test project once for every run (they use
# --no-build), its output in LOGS/build.log; exits 1 when the build fails.
build_integration_tests() {
  local configuration=$1 logs=$2
  echo "building tests/Orleans.Counters.Integration.Tests ($configuration)"
  if ! dotnet build tests/Orleans.Counters.Integration.Tests -c "$configuration" > "$logs/build.log" 2>&1; then
    tail -30 "$logs/build.log"
    echo "build failed: $logs/build.log"
    exit 1
  fi
}

# chaos_lines: how many lines the tests' records (TestResults/chaos.txt) hold, 0 before the first.
chaos_lines() {
  if [ -f TestResults/chaos.txt ]; then wc -l < TestResults/chaos.txt; else echo 0; fi
}

# chaos_since N: the records written after the first N lines, the run's own when N was read before it.
chaos_since() {
  if [ -f TestResults/chaos.txt ]; then tail -n +$(($1 + 1)) TestResults/chaos.txt; fi
}

# run_passed STATUS LOG: true when dotnet test exited 0 and its log shows the one test passed.
run_passed() {
  [ "$1" -eq 0 ] && grep -qE 'Passed: +1(,|$)' "$2"
}
