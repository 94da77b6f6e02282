#!/usr/bin/env node
// mcp-remote 0.15.1 (stdio <-> remote proxy) driven over stdio by the SDK 1.32 stdio client:
// StdioClientTransport spawns `mcp-remote <url> --transport http-only [--protocol legacy|auto]`,
// then initialize, tools/list, tools/call echo through the proxy.
//   --protocol auto (or MCP_REMOTE_PROTOCOL=auto): mcp-remote probes server/discover and bridges to 2026-07-28.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { target, deadline, fail, ok, checkToolList, checkEcho, probeText, nodeModules, node22, expectStructured } from './common.mjs';

const i = process.argv.indexOf('--protocol');
const protocol = (i > 0 ? process.argv[i + 1] : process.env.MCP_REMOTE_PROTOCOL) || 'legacy';
deadline(`mcp-remote(${protocol})`);
const { mcpUrl } = target('sample');
const proxy = path.join(nodeModules, 'mcp-remote', 'dist', 'proxy.js');
// mcp-remote keeps OAuth state under ~/.mcp-auth: give it a throw-away HOME.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'interop-mcp-remote-'));
process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));

const args = [proxy, mcpUrl, '--transport', 'http-only', '--protocol', protocol];
const transport = new StdioClientTransport({
  command: node22, args, stderr: 'pipe',
  env: { PATH: process.env.PATH || '/usr/bin:/bin', HOME: home },
});
let stderr = '';
transport.stderr?.on('data', (d) => { stderr += d; });
const failWithLog = (msg) => fail(`${msg}\n--- mcp-remote stderr ---\n${stderr.slice(-4000)}`);

const client = new Client({ name: 'actionhost-interop-mcp-remote', version: '1.0.0' });
try {
  await client.connect(transport);
} catch (e) {
  failWithLog(`initialize through mcp-remote (${args.slice(1).join(' ')}) failed: ${e?.message || e}`);
}
const info = client.getServerVersion();
ok(`initialized through mcp-remote --protocol ${protocol}: server ${info?.name} ${info?.version}`);

const list = await client.listTools().catch((e) => failWithLog(`tools/list failed: ${e?.message || e}`));
const tools = checkToolList(list, 'tools/list');
ok(`tools/list: ${tools.map((t) => t.name).join(', ')}`);

const res = await client.callTool({ name: 'echo', arguments: { text: probeText } })
  .catch((e) => failWithLog(`tools/call echo failed: ${e?.message || e}`));
checkEcho(res, probeText, 'tools/call echo');
ok(`tools/call echo: echoed text matches${expectStructured ? ' (text and structuredContent)' : ''}`);

if (protocol === 'auto' && !/modern|2026-07-28/i.test(stderr)) {
  // mcp-remote logs its era verdict; not fatal when it does not, but say so.
  console.log('note mcp-remote(auto): its log does not mention the 2026-07-28 era');
}
await client.close();
process.exit(0);
