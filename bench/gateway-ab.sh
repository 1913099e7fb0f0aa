#!/usr/bin/env bash
# A/B of two builds of the gateway in default mode, side by side on one machine: ApacheBench sends
# 50,000 single-event POSTs (32 at a time) to each in turn, three rounds, and the gateway's own CPU
# time (utime + stime from /proc) per request is printed beside the throughput. CPU per request
# varies less than throughput when the machine is shared.
#
#   bench/gateway-ab.sh OLD_TREE NEW_TREE [EXTRA_SETTINGS_FOR_NEW...]
# Each tree must hold a Release build: dotnet build -c Release src/Orleans.Counters.Gateway
set -euo pipefail
old=$1; new=$2; shift 2
command -v ab >/dev/null || { echo "needs ApacheBench: apt-get install apache2-utils" >&2; exit 1; }
body=$(mktemp); echo '{"account":"ab","type":"pageview"}' > "$body"
pids=()
start() { # tree http-port silo-port gateway-port settings...
  local tree=$1 port=$2 silo=$3 gw=$4; shift 4
  (cd "$tree/src/Orleans.Counters.Gateway/bin/Release/net10.0" && exec dotnet Orleans.Counters.Gateway.dll --urls "http://127.0.0.1:$port" \
     --Counters:Cluster:SiloPort "$silo" --Counters:Cluster:GatewayPort "$gw" --Logging:LogLevel:Default Warning "$@" > /dev/null 2>&1) &
  pids+=($!)
}
start "$old" 5601 21111 31000
start "$new" 5602 21112 31001 "$@"
trap 'kill "${pids[@]}" 2>/dev/null; pkill -f "Orleans.Counters.Gateway.dll --urls http://127.0.0.1:560[12]" || true; rm -f "$body"' EXIT
for port in 5601 5602; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.5; done
  ab -q -n 5000 -c 16 -p "$body" -T application/json "http://127.0.0.1:$port/api/events" > /dev/null
done
pid_of() { pgrep -f "Orleans.Counters.Gateway.dll --urls http://127.0.0.1:$1" | head -1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
per_tick_us=$((1000000 / $(getconf CLK_TCK)))
echo "round build requests/s cpu_us_per_request load"
for round in 1 2 3; do
  for port in 5601 5602; do
    pid=$(pid_of $port); before=$(ticks "$pid"); load=$(cut -d' ' -f1 /proc/loadavg)
    out=$(ab -q -n 50000 -c 32 -p "$body" -T application/json "http://127.0.0.1:$port/api/events")
    grep -q "Non-2xx" <<< "$out" && { echo "non-2xx answers from port $port" >&2; exit 1; }
    rps=$(awk '/Requests per second/ {print $4}' <<< "$out")
    after=$(ticks "$pid")
    echo "$round $([ $port = 5601 ] && echo old || echo new) $rps $(( (after - before) * per_tick_us / 50000 )) $load"
  done
done
