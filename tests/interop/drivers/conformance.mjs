#!/usr/bin/env node
// The official MCP conformance suite (@modelcontextprotocol/conformance 0.2.0-alpha.12) against
// /mcp/<integration> (default integration: conformance), with no expected-failures file.
//
// Passes (each `server --url URL --suite all -o DIR [--spec-version V]`):
//   all        no --spec-version: scenarios introduced in 2026-07-28 (server-stateless, caching, MRTR,
//              http-*, tasks-*, skills) run on the 2026 stateless wire, all others on the 2025-11-25
//              session wire. That leaves the shared scenarios (tools-call-*, resources-*, prompts-*,
//              completion, dns-rebinding, multiple-streams) untested on the 2026 wire, hence:
//   2026-07-28 every scenario applicable to 2026-07-28, on the 2026 stateless wire
//   2025-06-18 2025-era scenarios validated against the 2025-06-18 schema (the harness still
//              negotiates 2025-11-25: a suite quirk), and raw probes sending 2025-06-18
//   2025-03-26 the scenarios that exist for 2025-03-26 (session lifecycle)
// CONFORMANCE_PASSES="all 2026-07-28" selects passes; CONFORMANCE_TIMEOUT_MS is the per-scenario timeout.
//
// Fails on: a non-zero suite exit, any FAILURE check, any WARNING check (the suite itself never fails
// on warnings), a scenario that did not run, and, independently of the suite, on a fixture missing from
// tools/list, prompts/list, resources/list or resources/templates/list in either era (several scenarios
// pass without their fixture, e.g. an unknown tool answered as an isError result passes
// tools-call-simple-text and tools-call-error).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { target, deadline, ok, nodeModules, node22 } from './common.mjs';

process.env.DRIVER_TIMEOUT_MS ??= String(30 * 60 * 1000);
deadline('conformance');
const { mcpUrl } = target('conformance');
const suiteJs = path.join(nodeModules, '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const passes = (process.env.CONFORMANCE_PASSES || 'all 2026-07-28 2025-06-18 2025-03-26').split(/[\s,]+/).filter(Boolean);
const problems = [];
const problem = (m) => { problems.push(m); console.error(`PROBLEM ${m}`); };

// ---------- independent fixture inventory ----------
const TOOLS_2025 = ['test_simple_text', 'test_image_content', 'test_audio_content', 'test_embedded_resource',
  'test_multiple_content_types', 'test_tool_with_logging', 'test_tool_with_progress', 'test_error_handling',
  'test_sampling', 'test_elicitation', 'test_elicitation_sep1034_defaults', 'test_elicitation_sep1330_enums',
  'json_schema_2020_12_tool', 'test_reconnection'];
const TOOLS_2026 = ['test_simple_text', 'test_image_content', 'test_audio_content', 'test_embedded_resource',
  'test_multiple_content_types', 'test_tool_with_progress', 'test_error_handling', 'json_schema_2020_12_tool',
  'test_missing_capability', 'test_streaming_elicitation', 'test_logging_tool',
  'test_input_required_result_elicitation', 'test_input_required_result_sampling',
  'test_input_required_result_list_roots', 'test_input_required_result_request_state',
  'test_input_required_result_multiple_inputs', 'test_input_required_result_multi_round',
  'test_input_required_result_tampered_state', 'test_input_required_result_capabilities',
  // tasks extension (SEP-2663) scenarios, all in --suite all:
  'test_tool_with_task', 'slow_compute', 'confirm_delete', 'failing_job', 'protocol_error_job', 'multi_input'];
const PROMPTS_2025 = ['test_simple_prompt', 'test_prompt_with_arguments', 'test_prompt_with_embedded_resource', 'test_prompt_with_image'];
const PROMPTS_2026 = [...PROMPTS_2025, 'test_input_required_result_prompt'];
const RESOURCES = ['test://static-text', 'test://static-binary'];
const TEMPLATES = ['test://template/{id}/data'];

function checkInventory(era, lists) {
  const names = (arr, key) => new Set((arr || []).map((x) => x[key]));
  const want = [
    ['tool', era === '2026-07-28' ? TOOLS_2026 : TOOLS_2025, names(lists.tools, 'name')],
    ['prompt', era === '2026-07-28' ? PROMPTS_2026 : PROMPTS_2025, names(lists.prompts, 'name')],
    ['resource', RESOURCES, names(lists.resources, 'uri')],
    ['resource template', TEMPLATES, names(lists.resourceTemplates, 'uriTemplate')],
  ];
  let missing = 0;
  for (const [kind, expected, have] of want) {
    for (const n of expected) if (!have.has(n)) { problem(`${era}: ${kind} ${n} is not listed`); missing++; }
  }
  for (const t of lists.tools || []) {
    if (!t.description) problem(`${era}: tool ${t.name} has no description (tools-list requires one)`);
  }
  for (const p of lists.prompts || []) {
    if (!p.description) problem(`${era}: prompt ${p.name} has no description (prompts-list requires one)`);
  }
  if (era === '2026-07-28') {
    const hasHeaderParam = (lists.tools || []).some((t) =>
      Object.values(t.inputSchema?.properties || {}).some((p) => p?.type === 'string' && 'x-mcp-header' in p));
    if (!hasHeaderParam) problem(`${era}: no tool has a string property with x-mcp-header (http-custom-header-server-validation needs one)`);
  }
  const counts = `${lists.tools?.length ?? 0} tools, ${lists.prompts?.length ?? 0} prompts, ` +
    `${lists.resources?.length ?? 0} resources, ${lists.resourceTemplates?.length ?? 0} templates`;
  if (!missing) ok(`${era} inventory complete (${counts})`);
  else console.error(`${era} inventory: ${missing} fixture(s) missing (${counts})`);
}

async function inventory2025() {
  const client = new Client({ name: 'actionhost-conformance-inventory', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: {} } });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl));
  try {
    await client.connect(transport);
    const all = async (fn, key) => {
      const out = []; let cursor;
      do { const r = await fn(cursor ? { cursor } : undefined); out.push(...(r[key] || [])); cursor = r.nextCursor; } while (cursor);
      return out;
    };
    const lists = {
      tools: await all((p) => client.listTools(p), 'tools'),
      prompts: await all((p) => client.listPrompts(p), 'prompts').catch((e) => problem(`2025-11-25: prompts/list failed: ${e.message}`)),
      resources: await all((p) => client.listResources(p), 'resources').catch((e) => problem(`2025-11-25: resources/list failed: ${e.message}`)),
      resourceTemplates: await all((p) => client.listResourceTemplates(p), 'resourceTemplates')
        .catch((e) => problem(`2025-11-25: resources/templates/list failed: ${e.message}`)),
    };
    checkInventory('2025-11-25', lists);
    await transport.terminateSession().catch(() => {});
    await client.close();
  } catch (e) {
    problem(`2025-11-25 inventory: ${e?.message || e}`);
  }
}

let rpcId = 1;
async function post2026(method, params = {}) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28', 'mcp-method': method };
  if (params.name) headers['mcp-name'] = params.name;
  if (params.uri) headers['mcp-name'] = params.uri;
  const id = rpcId++;
  const body = { jsonrpc: '2.0', id, method, params: { ...params, _meta: {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'actionhost-conformance-inventory', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': { sampling: {}, elicitation: {}, roots: { listChanged: true } } } } };
  const res = await fetch(mcpUrl, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(10000) });
  const text = await res.text();
  let msg;
  if ((res.headers.get('content-type') || '').includes('text/event-stream')) {
    for (const line of text.split(/\r?\n/)) {
      if (!line.startsWith('data:')) continue;
      try { const m = JSON.parse(line.slice(5)); if (m.id === id) msg = m; } catch { /* keep reading */ }
    }
  } else {
    try { msg = JSON.parse(text); } catch { /* below */ }
  }
  if (!msg) throw new Error(`${method}: HTTP ${res.status}, no JSON-RPC response: ${text.slice(0, 300)}`);
  if (msg.error) throw new Error(`${method}: HTTP ${res.status}, error ${JSON.stringify(msg.error)}`);
  return msg.result;
}

async function inventory2026() {
  try {
    const all = async (method, key) => {
      const out = []; let cursor;
      do { const r = await post2026(method, cursor ? { cursor } : {}); out.push(...(r[key] || [])); cursor = r.nextCursor; } while (cursor);
      return out;
    };
    const lists = {
      tools: await all('tools/list', 'tools'),
      prompts: await all('prompts/list', 'prompts').catch((e) => problem(`2026-07-28: ${e.message}`)),
      resources: await all('resources/list', 'resources').catch((e) => problem(`2026-07-28: ${e.message}`)),
      resourceTemplates: await all('resources/templates/list', 'resourceTemplates').catch((e) => problem(`2026-07-28: ${e.message}`)),
    };
    checkInventory('2026-07-28', lists);
    // Not listed by the reference fixture, but server-stateless calls them: they must exist.
    for (const name of ['test_trigger_tool_change', 'test_trigger_prompt_change']) {
      try {
        const r = await post2026('tools/call', { name, arguments: {} });
        if (r?.isError) problem(`2026-07-28: ${name} returned isError: ${JSON.stringify(r).slice(0, 200)}`);
      } catch (e) {
        problem(`2026-07-28: calling ${name} failed: ${e.message}`);
      }
    }
  } catch (e) {
    problem(`2026-07-28 inventory: ${e?.message || e}`);
  }
}

// ---------- the suite ----------
function runSuite(pass, outDir) {
  const args = [suiteJs, 'server', '--url', mcpUrl, '--suite', 'all', '-o', outDir];
  if (pass !== 'all') args.push('--spec-version', pass);
  if (process.env.CONFORMANCE_TIMEOUT_MS) args.push('--timeout', process.env.CONFORMANCE_TIMEOUT_MS);
  console.log(`\n##### conformance pass "${pass}": conformance ${args.slice(1).join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(node22, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d) => { out += d; };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

function readChecks(outDir) {
  const scenarios = new Map();
  for (const d of fs.readdirSync(outDir)) {
    const file = path.join(outDir, d, 'checks.json');
    if (!fs.existsSync(file)) continue;
    const name = d.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
    scenarios.set(name, JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return scenarios;
}

await inventory2025();
await inventory2026();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'interop-conformance-'));
for (const pass of passes) {
  const outDir = path.join(tmp, pass);
  fs.mkdirSync(outDir);
  const { code, signal, out } = await runSuite(pass, outDir);
  const summary = out.slice(out.indexOf('=== SUMMARY ==='));
  const ran = [...out.matchAll(/=== Running scenario: (\S+) ===/g)].map((m) => m[1]);
  const scenarios = readChecks(outDir);
  let fails = 0, warns = 0, passes_ = 0;
  for (const [scenario, checks] of scenarios) {
    for (const c of checks) {
      if (c.status === 'SUCCESS') passes_++;
      if (c.status === 'FAILURE' || c.status === 'WARNING') {
        c.status === 'FAILURE' ? fails++ : warns++;
        problem(`[${pass}] ${scenario}: ${c.status} ${c.id}: ${(c.errorMessage || c.description || '').replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    }
  }
  for (const s of ran) if (!scenarios.has(s)) problem(`[${pass}] ${s}: no checks.json (scenario crashed or timed out)`);
  if (pass === 'all') {
    // Prove the claim that --suite all covers the 2026 era.
    for (const s of ['server-stateless', 'caching', 'input-required-result-basic-elicitation', 'server-session-lifecycle', 'tools-call-simple-text']) {
      if (!ran.includes(s)) problem(`[all] scenario ${s} was not part of --suite all`);
    }
  }
  if (code !== 0) problem(`[${pass}] suite exited ${code ?? signal}`);
  if (ran.length === 0) problem(`[${pass}] no scenario ran:\n${out.slice(-2000)}`);
  console.log(`pass "${pass}": ${ran.length} scenarios, ${passes_} checks passed, ${fails} failed, ${warns} warnings, exit ${code ?? signal}`);
  if ((fails || warns || code !== 0) && summary) console.log(summary.trim().split('\n').filter((l) => !/: \d+ passed, 0 failed$/.test(l)).join('\n'));
}
fs.rmSync(tmp, { recursive: true, force: true });

if (problems.length) {
  console.error(`\nFAIL conformance: ${problems.length} problem(s) (listed above with PROBLEM)`);
  process.exit(1);
}
ok(`all passes clean (${passes.join(', ')}): no failure, no warning, every fixture listed`);
process.exit(0);
