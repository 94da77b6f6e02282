#!/usr/bin/env node
// SDK 2.4 client (@modelcontextprotocol/client) in the 2026-07-28 era: versionNegotiation 'auto'
// probes server/discover; the driver asserts the connection went modern (2026-07-28, no initialize,
// no session), then lists tools and calls echo. SDK2_MODE=pin pins 2026-07-28 instead of probing.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { target, deadline, fail, ok, assert, checkToolList, checkEcho, probeText, expectStructured } from './common.mjs';

deadline('sdk2-modern');
const { mcpUrl } = target('sample');
const mode = process.env.SDK2_MODE === 'pin' ? { pin: '2026-07-28' } : 'auto';

// Record what goes over the wire, to assert the era from the requests themselves too.
const sent = [];
const recordingFetch = async (url, init = {}) => {
  const h = new Headers(init.headers);
  let method;
  try { method = JSON.parse(init.body)?.method; } catch { method = undefined; }
  sent.push({ httpMethod: init.method || 'GET', method, version: h.get('mcp-protocol-version'),
    mcpMethod: h.get('mcp-method'), session: h.get('mcp-session-id') });
  return fetch(url, init);
};

const client = new Client({ name: 'actionhost-interop-sdk2', version: '1.0.0' }, { versionNegotiation: { mode } });
const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { fetch: recordingFetch });
try {
  await client.connect(transport);
} catch (e) {
  fail(`connect (versionNegotiation ${JSON.stringify(mode)}) to ${mcpUrl} failed: ${e?.message || e}`);
}
const era = client.getProtocolEra();
const negotiated = client.getNegotiatedProtocolVersion();
assert(era === 'modern', `negotiated era is ${era} (version ${negotiated}), expected modern: the server/discover probe did not succeed`);
assert(negotiated === '2026-07-28', `negotiated protocol version is ${negotiated}, expected 2026-07-28`);
const info = client.getServerVersion();
ok(`connected in the ${era} era, version ${negotiated}, server ${info?.name} ${info?.version}`);

const list = await client.listTools().catch((e) => fail(`tools/list failed: ${e?.message || e}`));
const tools = checkToolList(list, 'tools/list');
ok(`tools/list: ${tools.map((t) => t.name).join(', ')}`);

const res = await client.callTool({ name: 'echo', arguments: { text: probeText } })
  .catch((e) => fail(`tools/call echo failed: ${e?.message || e}`));
checkEcho(res, probeText, 'tools/call echo');
ok(`tools/call echo: echoed text matches${expectStructured ? ' (text and structuredContent)' : ''}`);

// The wire: a server/discover, no initialize, no session, every POST on 2026-07-28 with Mcp-Method.
const posts = sent.filter((s) => s.httpMethod === 'POST');
assert(posts.some((s) => s.method === 'server/discover'), `no server/discover was sent: ${JSON.stringify(sent)}`);
assert(!posts.some((s) => s.method === 'initialize'), `an initialize was sent in the modern era: ${JSON.stringify(sent)}`);
for (const s of posts) {
  assert(s.version === '2026-07-28', `a ${s.method} POST carried MCP-Protocol-Version ${s.version}`);
  assert(s.mcpMethod === s.method, `a ${s.method} POST carried Mcp-Method ${s.mcpMethod}`);
  assert(!s.session, `a ${s.method} POST carried a session id ${s.session}`);
}
assert(posts.some((s) => s.method === 'tools/call'), 'tools/call never reached the wire');
ok(`wire: ${posts.map((s) => s.method).join(', ')} all as 2026-07-28 with Mcp-Method, no session`);
await client.close();
process.exit(0);
