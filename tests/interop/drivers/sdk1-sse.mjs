#!/usr/bin/env node
// SDK 1.32.2 client over the legacy 2024-11-05 HTTP+SSE transport (SSEClientTransport):
// GET /sse/<integration> -> endpoint event -> POSTs; initialize, list tools, call echo.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { target, deadline, fail, ok, assert, checkToolList, checkEcho, probeText, expectStructured } from './common.mjs';

deadline('sdk1-sse');
const { sseUrl } = target('sample');
assert(sseUrl, 'no SSE endpoint URL (set ACTIONHOST_URL or SSE_URL)');
const client = new Client({ name: 'actionhost-interop-sdk1-sse', version: '1.0.0' });
const transport = new SSEClientTransport(new URL(sseUrl));
let transportError;
transport.onerror = (e) => { transportError = e; };
try {
  // A POST to the endpoint that fails server-side leaves the SDK waiting: bound the handshake.
  await client.connect(transport, { timeout: 15000 });
} catch (e) {
  fail(`connect over HTTP+SSE to ${sseUrl} failed: ${e?.message || e}`);
}
const version = client.getServerVersion();
assert(version?.name, `initialize result has no serverInfo.name: ${JSON.stringify(version)}`);
ok(`initialized over HTTP+SSE with ${version.name} ${version.version}, endpoint ${transport._endpoint?.href ?? '?'}`);

const list = await client.listTools().catch((e) => fail(`tools/list failed: ${e?.message || e}`));
const tools = checkToolList(list, 'tools/list');
ok(`tools/list: ${tools.map((t) => t.name).join(', ')}`);

const res = await client.callTool({ name: 'echo', arguments: { text: probeText } })
  .catch((e) => fail(`tools/call echo failed: ${e?.message || e}`));
checkEcho(res, probeText, 'tools/call echo');
ok(`tools/call echo: echoed text matches${expectStructured ? ' (text and structuredContent)' : ''}`);

// Several requests in flight on the one SSE stream, answered out of order or not, all must arrive.
const texts = Array.from({ length: 8 }, (_, i) => `parallel-${i}`);
const results = await Promise.all(texts.map((t) => client.callTool({ name: 'echo', arguments: { text: t } })))
  .catch((e) => fail(`parallel tools/call failed: ${e?.message || e}`));
results.forEach((r, i) => checkEcho(r, texts[i], `parallel call ${i}`));
ok('8 concurrent calls on one SSE stream answered and matched by id');

assert(!transportError, `transport reported an error: ${transportError?.message || transportError}`);
await client.close();
ok('closed');
process.exit(0);
