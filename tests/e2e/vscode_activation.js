// Activates editors/vscode/extension.js under plain Node, with tests/e2e/vscode_stub.js
// standing in for the `vscode` module, so that the real vscode-languageclient spawns the real
// server. Needs `npm ci` in editors/vscode and NEWSDUMP_LS_PATH set to the built binary.
// Prints one `ok`/`not ok` line per check; exits non-zero when any check fails.
'use strict';

const assert = require('assert/strict');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const stubPath = path.join(__dirname, 'vscode_stub.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stubPath : resolve.call(this, request, ...rest);
};

const vscode = require('vscode');
const extension = require(path.join(root, 'editors/vscode/extension.js'));
const { recorded, setSetting, textDocument } = vscode.stub;

const serverPath = process.env.NEWSDUMP_LS_PATH;
const fixture = path.join(root, 'tests/fixtures/e2e.newsdump');
const text = fs.readFileSync(fixture, 'utf8');
const lines = text.split('\n');
const doc = textDocument(fixture, 'newsdump', text);
const uri = doc.uri.toString();

let failed = 0;
async function check(name, body) {
  try {
    await body();
    console.log(`ok - vscode: ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - vscode: ${name}: ${e.message}`);
  }
}

/** Resolves once `probe()` returns a truthy value; gives up after `limitMs`. */
async function until(what, probe, limitMs = 10000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const context = () => ({ subscriptions: [] });

async function dispose(ctx) {
  await extension.deactivate();
  ctx.subscriptions.forEach((d) => d.dispose());
}

async function main() {
  assert.ok(serverPath, 'set NEWSDUMP_LS_PATH to the built newsdump-ls');

  await check('a clear error when no server can be found', async () => {
    const savedEnv = { PATH: process.env.PATH, NEWSDUMP_LS_PATH: process.env.NEWSDUMP_LS_PATH };
    process.env.PATH = '/nonexistent';
    delete process.env.NEWSDUMP_LS_PATH;
    const ctx = context();
    try {
      const api = await extension.activate(ctx);
      assert.equal(api.client(), undefined, 'no client without a server');
      const error = recorded.messages.find((m) => m.level === 'error');
      assert.ok(error, 'an error message is shown');
      assert.match(error.text, /newsdump-ls/);
      assert.match(error.text, /newsdump\.server\.path/);
    } finally {
      Object.assign(process.env, savedEnv);
      await dispose(ctx);
    }
  });

  // The document is already open when VS Code activates the extension for its language.
  vscode.workspace.textDocuments.push(doc);
  await setSetting('newsdump.server.path', serverPath);
  // Passed as initializationOptions: the last article's headline is no longer one.
  await setSetting('newsdump.notHeadlinePattern', '^Ice season');
  const ctx = context();
  let api;
  let client;
  await check('activate starts the server from newsdump.server.path', async () => {
    api = await extension.activate(ctx);
    client = api.client();
    assert.ok(client, 'a client');
    assert.ok(client.isRunning(), 'the client is running');
    assert.equal(client.initializeResult.serverInfo.name, 'newsdump-ls');
    assert.ok(recorded.providers.includes('DocumentSymbol'), 'outline provider registered');
    assert.ok(recorded.commands.has('newsdump.restartServer'), 'restart command registered');
  });
  if (!client) return;

  const symbols = () =>
    client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });

  await check('documentSymbol lists the articles (settings from initializationOptions)', async () => {
    const result = await symbols();
    assert.deepEqual(
      result.map((s) => s.name),
      [
        'Nordic leaders back Arctic rail corridor study',
        'Coastal town opens floating library for summer visitors',
        'Interview: how small ports can adapt to autonomous shipping',
      ],
    );
  });

  await check('a settings change reaches the server', async () => {
    await setSetting('newsdump.notHeadlinePattern', null);
    const result = await until('four articles', async () => {
      const r = await symbols();
      return r.length === 4 && r;
    });
    assert.equal(result[3].name, 'Ice season ends three weeks early on the Gulf of Bothnia');
  });

  await check('hover on a later mention names the person in bold', async () => {
    const line = lines.findIndex((l) => l.includes('Virtanen told'));
    const character = lines[line].indexOf('Virtanen told') + 2;
    const hover = await client.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    assert.ok(hover, 'a hover');
    const value = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
    assert.match(value.split('\n')[0], /\*\*Aino Virtanen\*\*/);
  });

  await check('the duplicated caption gets a duplicate-caption warning', async () => {
    // vscode-languageclient advertises pull diagnostics, so the server answers
    // textDocument/diagnostic instead of pushing; VS Code schedules those pulls itself,
    // which the stand-in does not, so the test pulls as VS Code would.
    const second = lines.findIndex((l, i) => i > 2 && l === lines[2]);
    const report = await client.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const diagnostics = report.items.filter((d) => d.code === 'duplicate-caption');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, second);
    assert.equal(diagnostics[0].severity, 2);
    assert.equal(diagnostics[0].source, 'newsdump');
  });

  await check('the restart command brings up a new server', async () => {
    await recorded.commands.get('newsdump.restartServer')();
    const restarted = api.client();
    assert.ok(restarted && restarted !== client, 'a new client');
    assert.ok(restarted.isRunning(), 'the new client is running');
    assert.ok(!client.isRunning(), 'the old client is stopped');
    client = restarted;
    assert.equal((await symbols()).length, 4);
  });

  await check('changing newsdump.server.path restarts the server from the new path', async () => {
    const errorsBefore = recorded.messages.filter((m) => m.level === 'error').length;
    await setSetting('newsdump.server.path', '/nonexistent/newsdump-ls');
    assert.equal(api.client(), undefined, 'no client with a missing binary');
    assert.ok(!client.isRunning(), 'the old client is stopped');
    const errors = recorded.messages.filter((m) => m.level === 'error');
    assert.equal(errors.length, errorsBefore + 1, 'one new error message');
    assert.match(errors.at(-1).text, /\/nonexistent\/newsdump-ls/);
    await setSetting('newsdump.server.path', serverPath);
    client = api.client();
    assert.ok(client && client.isRunning(), 'running again');
    assert.equal((await symbols()).length, 4);
  });

  await dispose(ctx);
}

main()
  .catch((e) => {
    failed++;
    console.log(`not ok - vscode: ${e.stack}`);
  })
  .finally(() => process.exit(failed ? 1 : 0));
