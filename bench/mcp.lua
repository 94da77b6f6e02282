-- wrk script for ActionHost benchmarks: POSTs tools/call echo or tools/list with a unique JSON-RPC id
-- per request, in the session era or the 2026-07-28 era, and checks every answer.
-- env: MCP_METHOD=call|list (default call)
--      MCP_ERA=session|2026 (default session)
--      MCP_PATH=/mcp/sample (default /mcp)
--      MCP_SESSION=<Mcp-Session-Id> (session era, optional: stateless servers issue none)
--      MCP_PROTO=<MCP-Protocol-Version> for the session era (default 2025-11-25)
-- A response is "bad" unless HTTP 200 and its body contains "result" (JSON or SSE).
-- Prints RESULT ... and PROGRESS min_per_thread=... stalled_threads=...; run with -t equal to -c so
-- that each thread owns one connection and "stalled" means a connection that never got an answer.
local threads = {}
local method = os.getenv("MCP_METHOD") or "call"
local era = os.getenv("MCP_ERA") or "session"
local path = os.getenv("MCP_PATH") or "/mcp"
local sid = os.getenv("MCP_SESSION")
local proto = os.getenv("MCP_PROTO") or "2025-11-25"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  answered = 0
  bad = 0
  badsample = ""
  wrk.method = "POST"
  wrk.path = path
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  local rpc = (method == "list") and "tools/list" or "tools/call"
  local meta = ""
  if era == "2026" then
    wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
    wrk.headers["Mcp-Method"] = rpc
    if method ~= "list" then wrk.headers["Mcp-Name"] = "echo" end
    meta = '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",' ..
           '"io.modelcontextprotocol/clientInfo":{"name":"wrk","version":"1"},' ..
           '"io.modelcontextprotocol/clientCapabilities":{}}'
  else
    wrk.headers["MCP-Protocol-Version"] = proto
    if sid and sid ~= "" then wrk.headers["Mcp-Session-Id"] = sid end
  end
  if method == "list" then
    pre = '{"jsonrpc":"2.0","method":"tools/list","params":{' .. meta .. '},"id":'
  else
    local sep = (meta ~= "") and "," or ""
    pre = '{"jsonrpc":"2.0","method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}' ..
          sep .. meta .. '},"id":'
  end
  post = '}'
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, pre .. tostring(tid * 100000000 + counter) .. post)
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 or not string.find(body, '"result"', 1, true) then
    bad = bad + 1
    if badsample == "" then badsample = tostring(status) .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local b, sample, minp, stalled = 0, "", nil, 0
  for _, t in ipairs(threads) do
    b = b + (t:get("bad") or 0)
    local a = t:get("answered") or 0
    if minp == nil or a < minp then minp = a end
    if a == 0 then stalled = stalled + 1 end
    local s = t:get("badsample")
    if s and s ~= "" and sample == "" then sample = s end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f bad=%d sockerr=%d timeouts=%d\n",
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, b, e.connect + e.read + e.write, e.timeout))
  io.write(string.format("PROGRESS threads=%d min_per_thread=%d stalled_threads=%d\n", #threads, minp or 0, stalled))
  if sample ~= "" then io.write("BADSAMPLE " .. sample .. "\n") end
end
