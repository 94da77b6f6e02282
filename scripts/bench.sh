#!/usr/bin/env bash
# ActionHost benchmark (not a test): wrk against tools/list and tools/call echo at 1 and 64 connections,
# in the session era (initialize first, then Mcp-Session-Id) and the 2026-07-28 era, for
#   ours   build/bin/actionhost serving integrations.yaml (integration `sample`, /mcp/sample)
#   sdk1   the official SDK 1.x server, stateful-sse (its best mode) — session era only
#   sdk2   the official SDK 2.x dual-era server — 2026 era, and the session era statelessly
#   poco   the bare Poco server (json mode), the ceiling for a Poco HTTPServer on this machine
# all started here on 127.0.0.1 in the same run; prints requests/s, p50/p99 and peak RSS (VmHWM), ratios
# ours/SDK-best and ours/Poco, our idle RSS, and RSS before/after a long run of calls in one session.
#
# usage: scripts/bench.sh [--smoke] [--duration S] [--long-count N] [--conns "1 64"] [--only ours,sdk1,sdk2,poco]
#   --smoke         2 s per cell and a 20,000-call long run (checks the script works)
#   --duration S    seconds per cell (default 10)
#   --long-count N  calls in the long one-session run (default 1,000,000; 0 skips it)
# env: ACTIONHOST_BIN (default build/bin/actionhost), PEERS_DIR (default /work/shared/peers),
#      PEERS_NODE_MODULES (node_modules with @modelcontextprotocol/sdk 1.32.2, express, zod,
#      @modelcontextprotocol/server 2.4.0, @modelcontextprotocol/node 2.x; see PEERS_DIR/README.md;
#      a missing peer is skipped with a note), POCO_THREADS (default 128), NODE (default node).
# Bounded: every wrk run has a duration, the long run stops at its count or after LONG_MAX_S (default 900) s.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lua="$root/bench/mcp.lua"
bin="${ACTIONHOST_BIN:-$root/build/bin/actionhost}"
peers="${PEERS_DIR:-/work/shared/peers}"
NODE="${NODE:-node}"
duration=10; long_count=1000000; conns="1 64"; only="ours,sdk1,sdk2,poco"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) duration=2; long_count=20000; LONG_CHUNK_S=${LONG_CHUNK_S:-2}; shift ;;
    --duration) duration="$2"; shift 2 ;;
    --long-count) long_count="$2"; shift 2 ;;
    --conns) conns="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done
want() { [[ ",$only," == *",$1,"* ]]; }

if ! command -v wrk >/dev/null; then
  echo "bench: wrk missing, installing the Debian package" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi || { echo "bench: cannot install wrk" >&2; exit 1; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/actionhost-bench.XXXXXX")"
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_kb() { awk -v k="$2:" '$1==k{print $2}' "/proc/$1/status" 2>/dev/null; }
wait_port() { # pid port
  for _ in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || return 1
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.1
  done; return 1
}
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
}
H=(-H 'content-type: application/json' -H 'accept: application/json, text/event-stream')
session_init() { # url -> prints session id (empty for stateless servers)
  local sid
  sid=$(curl -s -m 5 -D - -o /dev/null -X POST "$1" "${H[@]}" \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
  curl -s -m 5 -o /dev/null -X POST "$1" "${H[@]}" -H 'mcp-protocol-version: 2025-11-25' ${sid:+-H "mcp-session-id: $sid"} \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  echo "$sid"
}

results="$work/results.tsv"   # server era method conns rps p50 p99 bad stalled
: > "$results"
run_cell() { # label era method conns url sid
  local out
  out=$(MCP_ERA="$2" MCP_METHOD="$3" MCP_PATH="$(sed -E 's|^http://[^/]+||' <<<"$5")" MCP_SESSION="$6" \
        wrk -t"$4" -c"$4" -d"${duration}s" --timeout 5s -s "$lua" "${5%%/mcp*}" 2>&1)
  local r p; r=$(grep '^RESULT' <<<"$out"); p=$(grep '^PROGRESS' <<<"$out")
  if [[ -z "$r" ]]; then echo "  $1 $2 $3 c=$4: wrk failed: $(tail -2 <<<"$out")"; return; fi
  local rps p50 p99 bad sockerr stalled
  rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$r"); p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$r")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$r"); bad=$(sed -E 's/.* bad=([0-9]+).*/\1/' <<<"$r")
  sockerr=$(sed -E 's/.*sockerr=([0-9]+).*/\1/' <<<"$r"); stalled=$(sed -E 's/.*stalled_threads=([0-9]+).*/\1/' <<<"$p")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$rps" "$p50" "$p99" "$bad" "$stalled" >> "$results"
  printf '  %-5s %-7s %-4s c=%-3s %9s req/s  p50 %8s ms  p99 %8s ms  bad %s  sockerr %s  stalled conns %s\n' \
    "$1" "$2" "$3" "$4" "$rps" "$p50" "$p99" "$bad" "$sockerr" "$stalled"
  grep '^BADSAMPLE' <<<"$out" | sed 's/^/        /'
  [[ "$stalled" != 0 ]] && echo "        WARNING: $stalled connection(s) never got an answer (see peers/README.md)"
}
bench_server() { # label era url
  local sid=""
  [[ "$2" == session ]] && sid=$(session_init "$3")
  [[ "$2" == session && -z "$sid" ]] && echo "  ($1 issued no session id: session-era requests go statelessly)"
  for m in list call; do for c in $conns; do run_cell "$1" "$2" "$m" "$c" "$3" "$sid"; done; done
}
peak() { # label era
  local hwm; hwm=$(rss_kb "$server_pid" VmHWM)
  printf '%s\t%s\t%s\n' "$1" "$2" "$hwm" >> "$work/peak.tsv"
  echo "  $1 ($2): peak RSS $((hwm / 1024)) MB"
}

echo "ActionHost bench: ${duration}s per cell, connections: $conns, wrk -t=c ($(nproc) cores, wrk on the same cores)"
: > "$work/peak.tsv"

# ---- ours ----
if want ours; then
  [[ -x "$bin" ]] || { echo "bench: $bin not built" >&2; exit 1; }
  for era in session 2026; do
    "$bin" serve --listen 127.0.0.1:0 --config "$root/integrations.yaml" --data-dir "$work/data-$era" >"$work/ours.log" 2>&1 &
    server_pid=$!
    port=""; for _ in $(seq 1 300); do
      port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$work/ours.log" | head -n1)
      [[ -n "$port" ]] && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    [[ -n "$port" ]] || { echo "bench: our host did not start:"; cat "$work/ours.log"; exit 1; }
    url="http://127.0.0.1:$port/mcp/sample"
    if [[ $era == session ]]; then sleep 2; idle=$(rss_kb "$server_pid" VmRSS); echo "ours: idle RSS $((idle / 1024)) MB ($idle kB)"; fi
    echo "ours, $era era ($url):"
    bench_server ours "$era" "$url"
    peak ours "$era"
    stop_server
  done
fi

# ---- SDK peers ----
nm="${PEERS_NODE_MODULES:-$peers/node_modules}"
if want sdk1; then
  if [[ -d "$nm/@modelcontextprotocol/sdk" ]]; then
    port=$(free_port); PEERS_NODE_MODULES="$nm" "$NODE" "$peers/sdk-server.mjs" "$port" stateful-sse >"$work/sdk1.log" 2>&1 &
    server_pid=$!; wait_port "$server_pid" "$port" || { echo "sdk1 did not start"; cat "$work/sdk1.log"; }
    echo "sdk1 (SDK 1.32 stateful-sse), session era:"; bench_server sdk1 session "http://127.0.0.1:$port/mcp"; peak sdk1 session; stop_server
  else echo "sdk1: skipped (no $nm/@modelcontextprotocol/sdk)"; fi
fi
if want sdk2; then
  if [[ -d "$nm/@modelcontextprotocol/server" ]]; then
    for era in 2026 session; do
      port=$(free_port); PEERS_NODE_MODULES="$nm" "$NODE" "$peers/sdk2-dual-era-server.mjs" "$port" >"$work/sdk2.log" 2>&1 &
      server_pid=$!; wait_port "$server_pid" "$port" || { echo "sdk2 did not start"; cat "$work/sdk2.log"; }
      echo "sdk2 (SDK 2.4 dual-era), $era era:"; bench_server sdk2 "$era" "http://127.0.0.1:$port/mcp"; peak sdk2 "$era"; stop_server
    done
  else echo "sdk2: skipped (no $nm/@modelcontextprotocol/server)"; fi
fi
if want poco; then
  if g++ -O2 -std=c++17 -o "$work/poco_server" "$peers/poco_server.cpp" -lPocoNet -lPocoJSON -lPocoFoundation -lpthread 2>"$work/poco-build.log"; then
    port=$(free_port); "$work/poco_server" "$port" json "${POCO_THREADS:-128}" 1 >"$work/poco.log" 2>&1 &
    server_pid=$!; wait_port "$server_pid" "$port" || echo "poco did not start"
    echo "poco (bare Poco HTTPServer, json, ${POCO_THREADS:-128} threads):"; bench_server poco session "http://127.0.0.1:$port/mcp"; peak poco any; stop_server
  else echo "poco: skipped (compile failed: $(head -3 "$work/poco-build.log"))"; fi
fi

# ---- ratios ----
echo
echo "Ratios (requests/s): ours / best SDK peer in any era for the same method and connections; ours / bare Poco"
printf "  %-8s %-5s %-4s %10s %10s %8s %10s %8s\n" era meth c ours "SDK best" ratio poco ratio
awk -F'\t' '
  { rps[$1 FS $2 FS $3 FS $4] = $5; p99[$1 FS $2 FS $3 FS $4] = $7
    if ($1 == "sdk1" || $1 == "sdk2") { k = $3 FS $4; if ($5 + 0 > best[k] + 0) { best[k] = $5; bestn[k] = $1 "/" $2 } }
    if ($1 == "poco") poco[$3 FS $4] = $5
    if ($1 == "ours") ours[$2 FS $3 FS $4] = $5 }
  END {
    for (k in ours) { split(k, a, FS); m = a[2] FS a[3]
      printf "  %-8s %-5s %-4s %10.0f %10s %8s %10s %8s\n", a[1], a[2], a[3], ours[k],
        (m in best) ? sprintf("%.0f", best[m]) : "-", (m in best && best[m] > 0) ? sprintf("%.2fx", ours[k] / best[m]) : "-",
        (m in poco) ? sprintf("%.0f", poco[m]) : "-", (m in poco && poco[m] > 0) ? sprintf("%.2f", ours[k] / poco[m]) : "-" }
  }' "$results" | sort
echo "Peak RSS (VmHWM):"; awk -F'\t' '{ printf "  %-5s %-8s %7.1f MB\n", $1, $2, $3 / 1024 }' "$work/peak.tsv"
sdkpeak=$(awk -F'\t' '$1 ~ /sdk/ && $3 > m { m = $3 } END { print m + 0 }' "$work/peak.tsv")
ourpeak=$(awk -F'\t' '$1 == "ours" && $3 > m { m = $3 } END { print m + 0 }' "$work/peak.tsv")
[[ "$sdkpeak" -gt 0 && "$ourpeak" -gt 0 ]] && awk -v o="$ourpeak" -v s="$sdkpeak" 'BEGIN { printf "  ours / largest SDK peak: %.3f\n", o / s }'

# ---- long run: many calls in one session ----
if want ours && [[ "$long_count" -gt 0 ]]; then
  echo
  echo "Long run: $long_count tools/call echo in one session (wrk -t4 -c4 in ${LONG_CHUNK_S:-10}s chunks, same session id)"
  "$bin" serve --listen 127.0.0.1:0 --config "$root/integrations.yaml" --data-dir "$work/data-long" >"$work/ours-long.log" 2>&1 &
  server_pid=$!
  port=""; for _ in $(seq 1 300); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$work/ours-long.log" | head -n1)
    [[ -n "$port" ]] && break; sleep 0.1; done
  url="http://127.0.0.1:$port/mcp/sample"
  sid=$(session_init "$url")
  before=$(rss_kb "$server_pid" VmRSS)
  done_calls=0; bad_total=0; start=$SECONDS
  while (( done_calls < long_count && SECONDS - start < ${LONG_MAX_S:-900} )); do
    out=$(MCP_ERA=session MCP_METHOD=call MCP_PATH=/mcp/sample MCP_SESSION="$sid" \
          wrk -t4 -c4 -d"${LONG_CHUNK_S:-10}s" --timeout 5s -s "$lua" "http://127.0.0.1:$port" 2>&1)
    n=$(sed -nE 's/^RESULT requests=([0-9]+).*/\1/p' <<<"$out"); b=$(sed -nE 's/^RESULT .* bad=([0-9]+).*/\1/p' <<<"$out")
    [[ -n "$n" ]] || { echo "  wrk failed: $out"; break; }
    done_calls=$((done_calls + n)); bad_total=$((bad_total + b))
  done
  after=$(rss_kb "$server_pid" VmRSS); hwm=$(rss_kb "$server_pid" VmHWM)
  echo "  $done_calls calls in $((SECONDS - start)) s, bad $bad_total; RSS before $((before / 1024)) MB ($before kB), after $((after / 1024)) MB ($after kB), growth $(( (after - before) )) kB, peak $((hwm / 1024)) MB"
  (( done_calls < long_count )) && echo "  NOTE: stopped at the ${LONG_MAX_S:-900} s cap before $long_count calls"
  stop_server
fi
