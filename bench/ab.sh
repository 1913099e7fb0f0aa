#!/usr/bin/env bash
# A/B of the whole bench: the same bench command on BASE_REF (checked out in a temporary git worktree)
# and on this working tree, back to back on this machine, then one table of the figures both have
# (before, after, after ÷ before, and each run's ratio to its own same-run baseline).
#
#   bench/ab.sh BASE_REF [--publish] [BENCH ARGS...]
#       BENCH ARGS go to both runs (--quick, --only TEXT...); not --out, which the script sets.
#       Reports: $AB_OUT (default a new /tmp/bench-ab-XXXXXX) /before and /after, and
#       after/BENCHMARKS-AB.md, which after/BENCHMARKS.md links.
#       --publish copies the after run's BENCHMARKS.md, benchmarks.json and BENCHMARKS-AB.md into docs/:
#       only for a full run (no --quick, no --only, no --background-rate).
#
# The base runs first, then this tree; run it on a machine as quiet as you can get, and read the
# load averages both reports give. Example: bench/ab.sh main --only "Batch ingestion, durable"
set -euo pipefail

usage() { echo "usage: $0 BASE_REF [--publish] [BENCH ARGS...]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
base_ref=$1; shift
publish=false
args=()
for arg in "$@"; do
    case "$arg" in
        --publish) publish=true ;;
        --out) echo "ab.sh sets --out itself" >&2; exit 2 ;;
        *) args+=("$arg") ;;
    esac
done
if $publish && printf '%s\n' "${args[@]}" | grep -qx -- '--quick\|--only\|--background-rate'; then
    echo "--publish is for a full run: no --quick, no --only, no --background-rate" >&2
    exit 2
fi

root=$(git -C "$(dirname "${BASH_SOURCE[0]}")/.." rev-parse --show-toplevel)
base_commit=$(git -C "$root" rev-parse --verify "$base_ref^{commit}")
out=${AB_OUT:-$(mktemp -d /tmp/bench-ab-XXXXXX)}
mkdir -p "$out"
tree=$(mktemp -d /tmp/bench-ab-base-XXXXXX)
rmdir "$tree"

cleanup() { git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true; }
trap cleanup EXIT
git -C "$root" worktree add --detach --quiet "$tree" "$base_commit"

bench() { # TREE OUT_DIR [EXTRA ARGS...]
    local dir=$1 report=$2; shift 2
    (cd "$dir" && dotnet run -c Release --project bench/Orleans.Counters.Bench -- "${args[@]}" --out "$report" "$@")
}

echo "ab.sh: before = $base_ref (${base_commit:0:7}) in $tree; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
status=0
bench "$tree" "$out/before" || status=$?
echo "ab.sh: after = this tree ($root); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
bench "$root" "$out/after" --compare-with "$out/before" --compare-label "$([[ $base_commit == "$base_ref"* ]] && echo "commit ${base_commit:0:7}" || echo "$base_ref, commit ${base_commit:0:7}")" || status=$?

if $publish; then
    cp "$out/after/BENCHMARKS.md" "$out/after/benchmarks.json" "$out/after/BENCHMARKS-AB.md" "$root/docs/"
    echo "ab.sh: copied the after run's reports into $root/docs/" >&2
fi
echo "ab.sh: $out/after/BENCHMARKS-AB.md (exit $status: nonzero when a step of either run failed)" >&2
exit "$status"
