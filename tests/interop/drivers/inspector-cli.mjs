#!/usr/bin/env node
// MCP Inspector CLI 1.0.3 (@modelcontextprotocol/inspector-cli), non-interactive:
//   --method tools/list, and --method tools/call --tool-name echo --tool-arg text=...
// run with its build/ directory as CWD (1.0.3 resolves ../package.json from the CWD), output checked as JSON.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { target, deadline, fail, ok, assert, checkToolList, checkEcho, nodeModules, node22, expectStructured } from './common.mjs';

deadline('inspector-cli');
const { mcpUrl } = target('sample');
const buildDir = path.join(nodeModules, '@modelcontextprotocol', 'inspector-cli', 'build');

function inspector(args, what) {
  const argv = ['index.js', mcpUrl, '--transport', 'http', ...args];
  const r = spawnSync(node22, argv, { cwd: buildDir, encoding: 'utf8', timeout: 30000,
    env: { ...process.env, HOME: process.env.HOME } });
  const cmd = `inspector-cli ${argv.slice(1).join(' ')}`;
  if (r.error) fail(`${what}: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${what}: ${cmd} exited ${r.status ?? r.signal}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  // stdout is the pretty-printed JSON result (banners, if any, go to stderr).
  const start = r.stdout.indexOf('{');
  let json;
  try { json = JSON.parse(r.stdout.slice(start)); } catch (e) {
    fail(`${what}: output is not JSON (${e.message}):\n${r.stdout}\nstderr: ${r.stderr}`);
  }
  return json;
}

const list = inspector(['--method', 'tools/list'], 'tools/list');
const tools = checkToolList(list, 'tools/list');
ok(`tools/list: ${tools.map((t) => t.name).join(', ')}`);

// Spaces, quotes and '=' in the value travel as one argv element, no shell involved.
const text = 'inspector says "hi" a=b ' + Date.now();
const res = inspector(['--method', 'tools/call', '--tool-name', 'echo', '--tool-arg', `text=${text}`], 'tools/call echo');
checkEcho(res, text, 'tools/call echo');
ok(`tools/call echo: echoed text matches${expectStructured ? ' (text and structuredContent)' : ''}`);

// A tool that does not exist: the CLI exits 1 on a JSON-RPC error and 0 on an isError result; either is a refusal.
const argv = ['index.js', mcpUrl, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'no_such_tool_xyz'];
const r = spawnSync(node22, argv, { cwd: buildDir, encoding: 'utf8', timeout: 30000 });
const refused = r.status !== 0 || /"isError":\s*true/.test(r.stdout);
assert(refused, `calling an unknown tool was not refused: exit ${r.status}, stdout ${r.stdout}`);
ok(`tools/call of an unknown tool refused (${r.status !== 0 ? 'error exit' : 'isError result'})`);
process.exit(0);
