#!/usr/bin/env node
// SDK 1.32.2 client (@modelcontextprotocol/sdk) over Streamable HTTP, session era:
// connect to /mcp/<integration>, list tools, call echo, check text + structuredContent, DELETE the session.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { target, deadline, fail, ok, assert, checkToolList, checkEcho, probeText, expectStructured } from './common.mjs';

deadline('sdk1-streamable-http');
const { mcpUrl } = target('sample');
const client = new Client({ name: 'actionhost-interop-sdk1', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(mcpUrl));
try {
  await client.connect(transport);
} catch (e) {
  fail(`connect/initialize to ${mcpUrl} failed: ${e?.message || e}`);
}
const version = client.getServerVersion();
assert(version?.name, `initialize result has no serverInfo.name: ${JSON.stringify(version)}`);
assert(transport.sessionId, 'server issued no Mcp-Session-Id (session era expected on /mcp)');
ok(`initialized with ${version.name} ${version.version}, protocol ${transport.protocolVersion}, session ${transport.sessionId}`);

const list = await client.listTools().catch((e) => fail(`tools/list failed: ${e?.message || e}`));
const tools = checkToolList(list, 'tools/list');
ok(`tools/list: ${tools.map((t) => t.name).join(', ')}`);

const res = await client.callTool({ name: 'echo', arguments: { text: probeText } })
  .catch((e) => fail(`tools/call echo failed: ${e?.message || e}`));
checkEcho(res, probeText, 'tools/call echo');
ok(`tools/call echo: echoed text matches${expectStructured ? ' (text and structuredContent)' : ''}`);

// An invalid argument must not crash the session: either a JSON-RPC error or an isError result.
const bad = await client.callTool({ name: 'echo', arguments: { text: 42 } }).then(
  (r) => ({ result: r }), (e) => ({ error: e }));
assert(bad.error || bad.result?.isError, `echo with text=42 was accepted: ${JSON.stringify(bad.result)}`);
ok(`tools/call echo with a bad argument refused (${bad.error ? 'JSON-RPC error' : 'isError result'})`);

await client.ping().catch((e) => fail(`ping after the calls failed: ${e?.message || e}`));
await transport.terminateSession().catch((e) => fail(`DELETE session failed: ${e?.message || e}`));
await client.close();
ok('session terminated');
process.exit(0);
