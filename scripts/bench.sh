#!/usr/bin/env bash
# ActionHost benchmark (not a test): wrk against tools/list and tools/call echo at 1 and 64 connections,
# in the session era (initialize first, then Mcp-Session-Id) and the 2026-07-28 era, for
#   ours     build/bin/actionhost serving integrations.yaml (integration `sample`, /mcp/sample), with
#            each tool call's execution-log row committed before its answer (durable) and after (buffered)
#   sdk1     the official SDK 1.x server in each of its modes (SDK1_MODES) — session era only
#   sdk2     the official SDK 2.x dual-era server — 2026 era, and the session era statelessly
#   fastmcp  fastmcp (built on SDK 1.x), stateful and stateless (FASTMCP_MODES) — session era only
#   poco     the bare Poco server (json mode), the ceiling for a Poco HTTPServer on this machine
# all started here on 127.0.0.1 in the same run; prints requests/s, p50/p99 and peak RSS (VmHWM) of every
# server, ratios ours/best Node peer (any SDK mode, fastmcp) and ours/Poco, our idle RSS, and our RSS
# before/after a long run of calls in one session (after a warm-up, so thread stacks and malloc arenas
# are already there). Every cell checks that every connection got answers (wrk -t = -c, one connection
# per thread): a cell with a stalled connection is marked STALLED and is not a valid measurement.
#
# usage: scripts/bench.sh [--smoke] [--duration S] [--long-count N] [--conns "1 64"]
#                         [--only ours,sdk1,sdk2,fastmcp,poco]
#   --smoke         2 s per cell and a 20,000-call long run (checks the script works)
#   --duration S    seconds per cell (default 10)
#   --long-count N  calls in the long one-session run (default 1,000,000; 0 skips it)
# env: ACTIONHOST_BIN (default build/bin/actionhost), PEERS_DIR (default /work/shared/peers),
#      PEERS_NODE_MODULES (node_modules with @modelcontextprotocol/sdk 1.32.2, express, zod, fastmcp,
#      @modelcontextprotocol/server 2.4.0, @modelcontextprotocol/node 2.x; see PEERS_DIR/README.md;
#      a missing peer is skipped with a note), POCO_THREADS (default 128), NODE (default node),
#      SDK1_MODES (default "stateless-json stateless-sse stateful-json stateful-sse"),
#      FASTMCP_MODES (default "stateful stateless"), OURS_LOGS (default "durable buffered": our host
#      with server.execution_log durable, the default, and buffered; see host/config/README.md).
# Bounded: every wrk run has a duration, the long run stops at its count or after LONG_MAX_S (default 900) s.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lua="$root/bench/mcp.lua"
bin="${ACTIONHOST_BIN:-$root/build/bin/actionhost}"
peers="${PEERS_DIR:-/work/shared/peers}"
NODE="${NODE:-node}"
duration=10; long_count=1000000; conns="1 64"; only="ours,sdk1,sdk2,fastmcp,poco"
ours_logs="${OURS_LOGS:-durable buffered}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) duration=2; long_count=20000; LONG_CHUNK_S=${LONG_CHUNK_S:-2}; shift ;;
    --duration) duration="$2"; shift 2 ;;
    --long-count) long_count="$2"; shift 2 ;;
    --conns) conns="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
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
start_ours() { # log data-dir [config] -> sets server_pid and port
  rm -f "$1"   # else the port of a previous run in the same log can be read before the new one starts
  "$bin" serve --listen 127.0.0.1:0 --config "${3:-$root/integrations.yaml}" --data-dir "$2" >"$1" 2>&1 &
  server_pid=$!
  port=""; for _ in $(seq 1 300); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$1" | head -n1)
    [[ -n "$port" ]] && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  [[ -n "$port" ]] || { echo "bench: our host did not start:"; cat "$1"; exit 1; }
}
start_node() { # label log script args... -> sets server_pid and port; false when it did not start
  local label="$1" log="$2"; shift 2
  port=$(free_port)
  local args=() a; for a in "$@"; do args+=("${a/#PORT/$port}"); done   # PORT: the port chosen here
  PEERS_NODE_MODULES="$nm" "$NODE" "${args[@]}" >"$log" 2>&1 &
  server_pid=$!
  if ! wait_port "$server_pid" "$port"; then
    echo "  $label did not start: $(tail -3 "$log")"; stop_server; return 1
  fi
}

results="$work/results.tsv"   # server mode era method conns rps p50 p99 bad stalled min_per_conn
: > "$results"
run_cell() { # server mode era method conns url sid
  local out
  out=$(MCP_ERA="$3" MCP_METHOD="$4" MCP_PATH="$(sed -E 's|^http://[^/]+||' <<<"$6")" MCP_SESSION="$7" \
        wrk -t"$5" -c"$5" -d"${duration}s" --timeout 5s -s "$lua" "${6%%/mcp*}" 2>&1)
  local r p; r=$(grep '^RESULT' <<<"$out"); p=$(grep '^PROGRESS' <<<"$out")
  if [[ -z "$r" ]]; then echo "  $1 $2 $3 $4 c=$5: wrk failed: $(tail -2 <<<"$out")"; return; fi
  local rps p50 p99 bad sockerr stalled minp
  rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$r"); p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$r")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$r"); bad=$(sed -E 's/.* bad=([0-9]+).*/\1/' <<<"$r")
  sockerr=$(sed -E 's/.*sockerr=([0-9]+).*/\1/' <<<"$r"); stalled=$(sed -E 's/.*stalled_threads=([0-9]+).*/\1/' <<<"$p")
  minp=$(sed -E 's/.*min_per_thread=([0-9]+).*/\1/' <<<"$p")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$rps" "$p50" "$p99" "$bad" "$stalled" "$minp" >> "$results"
  printf '  %-7s %-14s %-7s %-4s c=%-3s %9s req/s  p50 %8s ms  p99 %8s ms  bad %s  sockerr %s  least answers on one conn %s\n' \
    "$1" "$2" "$3" "$4" "$5" "$rps" "$p50" "$p99" "$bad" "$sockerr" "$minp"
  grep '^BADSAMPLE' <<<"$out" | sed 's/^/        /'
  [[ "$stalled" != 0 ]] && echo "        STALLED: $stalled connection(s) never got an answer (see peers/README.md)"
}
bench_server() { # server mode era url
  local sid=""
  [[ "$3" == session ]] && sid=$(session_init "$4")
  [[ "$3" == session && -z "$sid" ]] && echo "  ($1 $2 issued no session id: session-era requests go statelessly)"
  for m in list call; do for c in $conns; do run_cell "$1" "$2" "$3" "$m" "$c" "$4" "$sid"; done; done
}
peak() { # server mode
  local hwm; hwm=$(rss_kb "$server_pid" VmHWM)
  printf '%s\t%s\t%s\n' "$1" "$2" "$hwm" >> "$work/peak.tsv"
  echo "  $1 $2: peak RSS $((hwm / 1024)) MB"
}
load() { awk '{ printf "load average %s %s %s", $1, $2, $3 }' /proc/loadavg; }

echo "ActionHost bench: ${duration}s per cell, connections: $conns, wrk -t=c ($(nproc) cores, wrk on the same cores)"
echo "machine at start: $(load); busiest other processes:"
ps -eo pcpu,comm --sort=-pcpu | sed -n '2,4p' | sed 's/^/  /'
: > "$work/peak.tsv"
nm="${PEERS_NODE_MODULES:-$peers/node_modules}"

# ---- ours ----
if want ours; then
  [[ -x "$bin" ]] || { echo "bench: $bin not built" >&2; exit 1; }
  for log in $ours_logs; do
    # durable: the file as it is (the default); buffered: the same with server.execution_log set.
    config="$root/integrations.yaml"
    if [[ $log == buffered ]]; then
      config="$work/integrations-buffered.yaml"
      sed '/^server:/a\  execution_log: buffered' "$root/integrations.yaml" > "$config"
    fi
    for era in session 2026; do
      start_ours "$work/ours-$log-$era.log" "$work/data-$log-$era" "$config"
      url="http://127.0.0.1:$port/mcp/sample"
      if [[ $era == session && $log == durable ]]; then sleep 2; idle=$(rss_kb "$server_pid" VmRSS); echo "ours: idle RSS $((idle / 1024)) MB ($idle kB)"; fi
      echo "ours, execution log $log, $era era ($url):"
      bench_server ours "$log" "$era" "$url"
      peak ours "$log $era"
      stop_server
    done
  done
fi

# ---- Node peers ----
if want sdk1; then
  if [[ -d "$nm/@modelcontextprotocol/sdk" ]]; then
    for mode in ${SDK1_MODES:-stateless-json stateless-sse stateful-json stateful-sse}; do
      start_node sdk1 "$work/sdk1.log" "$peers/sdk-server.mjs" PORT "$mode" || continue
      echo "sdk1 (SDK 1.32 $mode), session era:"; bench_server sdk1 "$mode" session "http://127.0.0.1:$port/mcp"; peak sdk1 "$mode"; stop_server
    done
  else echo "sdk1: skipped (no $nm/@modelcontextprotocol/sdk)"; fi
fi
if want sdk2; then
  if [[ -d "$nm/@modelcontextprotocol/server" ]]; then
    for era in 2026 session; do
      start_node sdk2 "$work/sdk2.log" "$peers/sdk2-dual-era-server.mjs" PORT || continue
      echo "sdk2 (SDK 2.4 dual-era), $era era:"; bench_server sdk2 dual-era "$era" "http://127.0.0.1:$port/mcp"; peak sdk2 "dual-era/$era"; stop_server
    done
  else echo "sdk2: skipped (no $nm/@modelcontextprotocol/server)"; fi
fi
if want fastmcp; then
  if [[ -d "$nm/fastmcp" ]]; then
    for mode in ${FASTMCP_MODES:-stateful stateless}; do
      start_node fastmcp "$work/fastmcp.log" "$peers/fastmcp-server.mjs" PORT "$mode" json || continue
      echo "fastmcp ($mode, JSON responses), session era:"; bench_server fastmcp "$mode" session "http://127.0.0.1:$port/mcp"; peak fastmcp "$mode"; stop_server
    done
  else echo "fastmcp: skipped (no $nm/fastmcp)"; fi
fi
if want poco; then
  if g++ -O2 -std=c++17 -o "$work/poco_server" "$peers/poco_server.cpp" -lPocoNet -lPocoJSON -lPocoFoundation -lpthread 2>"$work/poco-build.log"; then
    port=$(free_port); "$work/poco_server" "$port" json "${POCO_THREADS:-128}" 1 >"$work/poco.log" 2>&1 &
    server_pid=$!
    if wait_port "$server_pid" "$port"; then
      echo "poco (bare Poco HTTPServer, json, ${POCO_THREADS:-128} threads):"; bench_server poco json session "http://127.0.0.1:$port/mcp"; peak poco json
    else echo "poco did not start: $(tail -3 "$work/poco.log")"; fi
    stop_server
  else echo "poco: skipped (compile failed: $(head -3 "$work/poco-build.log"))"; fi
fi

# ---- table and ratios ----
echo
echo "All cells (requests/s, latency in ms; STALLED: some connection never answered, not a valid figure):"
printf "  %-7s %-14s %-7s %-4s %4s %10s %9s %9s %6s %s\n" server mode era meth c req/s p50 p99 bad progress
awk -F'\t' '{ printf "  %-7s %-14s %-7s %-4s %4s %10.0f %9.2f %9.2f %6s %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9,
                ($10 == 0) ? "every conn answered (min " $11 ")" : "STALLED " $10 }' "$results"
echo
echo "Ratios (requests/s): ours / best Node peer (any SDK 1.x mode, SDK 2.x either era, fastmcp) for the"
echo "same method and connections, in any era; ours / bare Poco JSON echo. Our stalled cells are left out;"
echo "a peer's cell counts even when stalled (its figure is then an upper bound), marked with *."
printf "  %-9s %-8s %-5s %-4s %10s %10s %-24s %8s %10s %8s %9s\n" log era meth c ours "peer best" "(which)" ratio poco ratio "ours p99"
awk -F'\t' '
  $10 != 0 && $1 == "ours" { next }
  { if ($1 == "sdk1" || $1 == "sdk2" || $1 == "fastmcp") { k = $4 FS $5; if ($6 + 0 > best[k] + 0) { best[k] = $6; bestn[k] = $1 ":" $2 "/" $3 ($10 != 0 ? "*" : "") } }
    if ($1 == "poco") poco[$4 FS $5] = $6
    if ($1 == "ours") { ours[$2 FS $3 FS $4 FS $5] = $6; p99[$2 FS $3 FS $4 FS $5] = $8 } }
  END {
    for (k in ours) { split(k, a, FS); m = a[3] FS a[4]
      printf "  %-9s %-8s %-5s %-4s %10.0f %10s %-24s %8s %10s %8s %9.2f\n", a[1], a[2], a[3], a[4], ours[k],
        (m in best) ? sprintf("%.0f", best[m]) : "-", (m in best) ? bestn[m] : "",
        (m in best && best[m] > 0) ? sprintf("%.2fx", ours[k] / best[m]) : "-",
        (m in poco) ? sprintf("%.0f", poco[m]) : "-", (m in poco && poco[m] > 0) ? sprintf("%.2f", ours[k] / poco[m]) : "-", p99[k] }
  }' "$results" | sort
echo "Peak RSS (VmHWM) per server:"; awk -F'\t' '{ printf "  %-7s %-20s %7.1f MB\n", $1, $2, $3 / 1024 }' "$work/peak.tsv"
nodepeak=$(awk -F'\t' '$1 != "ours" && $1 != "poco" && $3 > m { m = $3 } END { print m + 0 }' "$work/peak.tsv")
ourpeak=$(awk -F'\t' '$1 == "ours" && $3 > m { m = $3 } END { print m + 0 }' "$work/peak.tsv")
[[ "$nodepeak" -gt 0 && "$ourpeak" -gt 0 ]] && awk -v o="$ourpeak" -v s="$nodepeak" 'BEGIN { printf "  ours / largest Node peer peak: %.3f\n", o / s }'
stalled_cells=$(awk -F'\t' '$10 != 0' "$results" | wc -l)
echo "Connections: $([[ $stalled_cells == 0 ]] && echo "every connection of every cell got answers" || echo "$stalled_cells cell(s) had a connection that never got an answer")"

# ---- long run: many calls in one session ----
if want ours && [[ "$long_count" -gt 0 ]]; then
  chunk=${LONG_CHUNK_S:-10}
  echo
  echo "Long run: $long_count tools/call echo in one session (wrk -t4 -c4 in ${chunk}s chunks, same session id)"
  start_ours "$work/ours-long.log" "$work/data-long"
  url="http://127.0.0.1:$port/mcp/sample"
  sid=$(session_init "$url")
  cold=$(rss_kb "$server_pid" VmRSS)
  long_chunk() { # seconds -> sets n and b
    local out
    out=$(MCP_ERA=session MCP_METHOD=call MCP_PATH=/mcp/sample MCP_SESSION="$sid" \
          wrk -t4 -c4 -d"$1s" --timeout 5s -s "$lua" "http://127.0.0.1:$port" 2>&1)
    n=$(sed -nE 's/^RESULT requests=([0-9]+).*/\1/p' <<<"$out"); b=$(sed -nE 's/^RESULT .* bad=([0-9]+).*/\1/p' <<<"$out")
    [[ -n "$n" ]] || { echo "  wrk failed: $out"; return 1; }
  }
  long_chunk 2 || exit 1   # warm-up: the 4 connection threads and their malloc arenas exist from here on
  warm_calls=$n; warm=$(rss_kb "$server_pid" VmRSS)
  done_calls=0; bad_total=$b; start=$SECONDS; samples=""
  while (( done_calls < long_count && SECONDS - start < ${LONG_MAX_S:-900} )); do
    long_chunk "$chunk" || break
    done_calls=$((done_calls + n)); bad_total=$((bad_total + b)); samples+=" $(( $(rss_kb "$server_pid" VmRSS) / 1024 ))"
  done
  after=$(rss_kb "$server_pid" VmRSS); hwm=$(rss_kb "$server_pid" VmHWM)
  echo "  $done_calls calls (after $warm_calls warm-up calls) in $((SECONDS - start)) s, bad $bad_total"
  echo "  RSS: at start $((cold / 1024)) MB ($cold kB), after warm-up $((warm / 1024)) MB ($warm kB), after the run $((after / 1024)) MB ($after kB); growth over the run $((after - warm)) kB; peak $((hwm / 1024)) MB"
  echo "  RSS after each chunk (MB):$samples"
  (( done_calls < long_count )) && echo "  NOTE: stopped at the ${LONG_MAX_S:-900} s cap before $long_count calls"
  stop_server
fi
echo
echo "machine at end: $(load)"
