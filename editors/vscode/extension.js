// Starts newsdump-ls for `newsdump` documents and keeps it in step with the settings.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const SECTION = 'newsdump';
const SERVER_NAME = process.platform === 'win32' ? 'newsdump-ls.exe' : 'newsdump-ls';

let client;
let output;

/** Where the server binary is, and where that choice came from (for error messages). */
function findServer() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const configured = (config.get('server.path') || '').trim();
  if (configured) {
    return { path: expandHome(configured), from: 'the setting newsdump.server.path' };
  }
  const fromEnv = (process.env.NEWSDUMP_LS_PATH || '').trim();
  if (fromEnv) {
    return { path: expandHome(fromEnv), from: 'the environment variable NEWSDUMP_LS_PATH' };
  }
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, SERVER_NAME);
    if (isExecutable(candidate)) {
      return { path: candidate, from: 'PATH' };
    }
  }
  return undefined;
}

function expandHome(p) {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The analysis settings the server reads, without the client-side ones (server.*, trace.*).
 * Empty patterns are dropped: an empty regex would match every paragraph.
 */
function analysisSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const pattern = (key) => {
    const value = config.get(key);
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  };
  return {
    captionCredits: (config.get('captionCredits') || []).filter((r) => r.trim() !== ''),
    headlinePattern: pattern('headlinePattern'),
    notHeadlinePattern: pattern('notHeadlinePattern'),
    severity: config.get('severity') || {},
    maxFileSizeMb: config.get('maxFileSizeMb') ?? 64,
  };
}

async function startClient() {
  const server = findServer();
  if (!server) {
    const open = 'Open Settings';
    vscode.window
      .showErrorMessage(
        'News dump: cannot find the language server `newsdump-ls`. Install it (for example ' +
          '`cargo install --path .` in the newsdump-ls repository) so that it is on PATH, or set ' +
          '`newsdump.server.path` (or the NEWSDUMP_LS_PATH environment variable) to the binary.',
        open,
      )
      .then((choice) => {
        if (choice === open) {
          vscode.commands.executeCommand('workbench.action.openSettings', 'newsdump.server.path');
        }
      });
    return;
  }
  if (!isExecutable(server.path)) {
    vscode.window.showErrorMessage(
      `News dump: ${server.path} (from ${server.from}) is not an executable file.`,
    );
    return;
  }

  const config = vscode.workspace.getConfiguration(SECTION);
  const executable = {
    command: server.path,
    args: config.get('server.extraArgs') || [],
    transport: TransportKind.stdio,
  };
  output.info(`Starting ${server.path} (from ${server.from})`);
  client = new LanguageClient(
    SECTION,
    'News dump language server',
    { run: executable, debug: executable },
    {
      documentSelector: [
        { scheme: 'file', language: 'newsdump' },
        { scheme: 'untitled', language: 'newsdump' },
      ],
      initializationOptions: analysisSettings(),
      outputChannel: output,
    },
  );
  try {
    await client.start();
  } catch (e) {
    // Keep the extension active so that fixing the setting or the restart command can recover.
    client = undefined;
    vscode.window.showErrorMessage(
      `News dump: newsdump-ls (${server.path}) failed to start: ${e.message}`,
    );
  }
}

async function stopClient() {
  if (!client) return;
  const running = client;
  client = undefined;
  await running.stop();
}

async function restartClient() {
  await stopClient();
  await startClient();
}

async function onConfigurationChanged(event) {
  if (!event.affectsConfiguration(SECTION)) return;
  if (event.affectsConfiguration(`${SECTION}.server`)) {
    await restartClient();
    return;
  }
  if (client && client.isRunning()) {
    await client.sendNotification('workspace/didChangeConfiguration', {
      settings: { [SECTION]: analysisSettings() },
    });
  }
}

async function activate(context) {
  output = vscode.window.createOutputChannel('News dump', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('newsdump.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
  );
  await startClient();
  // Returned for tests and other extensions: the running client, if any.
  return { client: () => client };
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
