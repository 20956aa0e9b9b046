// A stand-in for the `vscode` module: just enough of the extension API for extension.js and
// the real vscode-languageclient to start the real server and talk to it under plain Node.
// What the extension and the client do through it is recorded in `stub.recorded`.
'use strict';

const path = require('path');
const url = require('url');

const recorded = {
  messages: [], // { level, text } from show{Error,Warning,Information}Message
  log: [], // lines written to output channels
  diagnostics: new Map(), // uri string -> Diagnostic[]
  providers: [], // names of register*Provider calls
  commands: new Map(), // command id -> handler
};

class Disposable {
  constructor(onDispose) {
    this._onDispose = onDispose;
  }
  static from(...disposables) {
    return new Disposable(() => disposables.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this._onDispose) this._onDispose();
    this._onDispose = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(bound);
      const d = new Disposable(() => this._listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) {
    return Promise.all([...this._listeners].map((l) => l(value)));
  }
  dispose() {
    this._listeners.clear();
  }
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority, path: p, query, fragment });
  }
  static parse(value) {
    const u = new URL(value);
    return new Uri(
      u.protocol.replace(/:$/, ''),
      u.host,
      decodeURIComponent(u.pathname),
      u.search.replace(/^\?/, ''),
      u.hash.replace(/^#/, ''),
    );
  }
  static file(fsPath) {
    return new Uri('file', '', path.resolve(fsPath), '', '');
  }
  get fsPath() {
    return this.path;
  }
  with(change) {
    return Object.assign(new Uri(this.scheme, this.authority, this.path, this.query, this.fragment), change);
  }
  toString() {
    if (this.scheme === 'file') return url.pathToFileURL(this.path).href;
    return `${this.scheme}://${this.authority}${this.path}`;
  }
  toJSON() {
    return this.toString();
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(a, b, c, d) {
    [this.start, this.end] = a instanceof Position ? [a, b] : [new Position(a, b), new Position(c, d)];
  }
}

class Location {
  constructor(uri, range) {
    this.uri = uri;
    this.range = range;
  }
}

class Diagnostic {
  constructor(range, message, severity = 0) {
    Object.assign(this, { range, message, severity });
  }
}

class DiagnosticRelatedInformation {
  constructor(location, message) {
    this.location = location;
    this.message = message;
  }
}

class MarkdownString {
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
}

class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}

class DocumentSymbol {
  constructor(name, detail, kind, range, selectionRange) {
    Object.assign(this, { name, detail, kind, range, selectionRange, children: [] });
  }
}

class FoldingRange {
  constructor(start, end, kind) {
    Object.assign(this, { start, end, kind });
  }
}

class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
for (const [name, value] of Object.entries({
  Empty: '',
  QuickFix: 'quickfix',
  Refactor: 'refactor',
  RefactorExtract: 'refactor.extract',
  RefactorInline: 'refactor.inline',
  RefactorRewrite: 'refactor.rewrite',
  Source: 'source',
  SourceOrganizeImports: 'source.organizeImports',
})) {
  CodeActionKind[name] = new CodeActionKind(value);
}

class CancellationError extends Error {}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this._emitter = emitter;
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {}
}

const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };

function outputChannel(name) {
  const write = (level) => (text) => {
    recorded.log.push(`[${name}] ${level}: ${text}`);
    if (process.env.VSCODE_STUB_VERBOSE) process.stderr.write(`[${name}] ${level}: ${text}\n`);
  };
  return {
    name,
    logLevel: LogLevel.Info,
    onDidChangeLogLevel: new EventEmitter().event,
    append: write('out'),
    appendLine: write('out'),
    replace: write('out'),
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  };
}

function showMessage(level) {
  return (text) => {
    recorded.messages.push({ level, text });
    return Promise.resolve(undefined);
  };
}

// Settings by full key, e.g. 'newsdump.server.path'.
const settings = new Map();
const configurationEmitter = new EventEmitter();

function getConfiguration(section) {
  const full = (key) => (section ? `${section}.${key}` : key);
  return {
    get: (key, fallback) => (settings.has(full(key)) ? settings.get(full(key)) : fallback),
    has: (key) => settings.has(full(key)),
    inspect: (key) => ({ key: full(key), globalValue: settings.get(full(key)) }),
    update: async (key, value) => setSetting(full(key), value),
  };
}

/** Changes one setting and tells listeners, as VS Code does. */
function setSetting(key, value) {
  if (value === undefined) settings.delete(key);
  else settings.set(key, value);
  return configurationEmitter.fire({
    affectsConfiguration: (s) => key === s || key.startsWith(`${s}.`),
  });
}

function register(kind) {
  return () => {
    recorded.providers.push(kind);
    return new Disposable();
  };
}

const languages = {
  match(selector, document) {
    const filters = Array.isArray(selector) ? selector : [selector];
    const fits = (f) =>
      typeof f === 'string'
        ? f === document.languageId
        : (!f.language || f.language === document.languageId) &&
          (!f.scheme || f.scheme === document.uri.scheme);
    return filters.some(fits) ? 10 : 0;
  },
  createDiagnosticCollection(name) {
    const key = (uri) => uri.toString();
    return {
      name,
      set(uri, diagnostics) {
        if (Array.isArray(uri)) {
          for (const [u, d] of uri) recorded.diagnostics.set(key(u), d || []);
        } else {
          recorded.diagnostics.set(key(uri), diagnostics || []);
        }
      },
      get: (uri) => recorded.diagnostics.get(key(uri)),
      has: (uri) => recorded.diagnostics.has(key(uri)),
      delete: (uri) => recorded.diagnostics.delete(key(uri)),
      clear: () => recorded.diagnostics.clear(),
      forEach: (fn) => recorded.diagnostics.forEach((d, u) => fn(Uri.parse(u), d)),
      dispose() {},
    };
  },
};
for (const kind of [
  'CallHierarchy', 'CodeActions', 'CodeLens', 'Color', 'CompletionItem', 'Declaration',
  'Definition', 'DocumentFormattingEdit', 'DocumentHighlight', 'DocumentLink',
  'DocumentRangeFormattingEdit', 'DocumentSymbol', 'FoldingRange', 'Hover', 'Implementation',
  'InlayHints', 'InlineCompletionItem', 'InlineValues', 'OnTypeFormattingEdit', 'Reference',
  'Rename', 'SelectionRange', 'SignatureHelp', 'TypeDefinition', 'TypeHierarchy',
  'WorkspaceSymbol',
]) {
  languages[`register${kind}Provider`] = register(kind);
}

const noEvent = new EventEmitter().event;

const workspace = {
  workspaceFolders: undefined,
  textDocuments: [],
  notebookDocuments: [],
  getConfiguration,
  getWorkspaceFolder: () => undefined,
  onDidChangeConfiguration: configurationEmitter.event,
  onDidOpenTextDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  onDidSaveTextDocument: noEvent,
  onWillSaveTextDocument: noEvent,
  onDidChangeWorkspaceFolders: noEvent,
  onDidOpenNotebookDocument: noEvent,
  onDidChangeNotebookDocument: noEvent,
  onDidCloseNotebookDocument: noEvent,
  onDidSaveNotebookDocument: noEvent,
  createFileSystemWatcher: () => ({
    onDidCreate: noEvent,
    onDidChange: noEvent,
    onDidDelete: noEvent,
    dispose() {},
  }),
  applyEdit: async () => false,
};

const window = {
  activeTextEditor: undefined,
  visibleTextEditors: [],
  onDidChangeActiveTextEditor: noEvent,
  onDidChangeVisibleTextEditors: noEvent,
  tabGroups: { all: [], onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent },
  createOutputChannel: outputChannel,
  showErrorMessage: showMessage('error'),
  showWarningMessage: showMessage('warning'),
  showInformationMessage: showMessage('information'),
  showTextDocument: async () => undefined,
  withProgress: (options, task) => task({ report() {} }, new CancellationTokenSource().token),
};

const commands = {
  registerCommand(id, handler) {
    recorded.commands.set(id, handler);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand: async (id, ...args) => recorded.commands.get(id)?.(...args),
};

/** A read-only text document as VS Code hands it to the client. */
function textDocument(fsPath, languageId, text) {
  return {
    uri: Uri.file(fsPath),
    fileName: fsPath,
    languageId,
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    lineCount: text.split('\n').length,
    getText: () => text,
  };
}

// Base classes the client subclasses when it loads; it never needs them to do anything here.
class CallHierarchyItem {}
class CodeAction {
  constructor(title, kind) {
    this.title = title;
    this.kind = kind;
  }
}
class CodeLens {}
class CompletionItem {}
class DocumentLink {}
class InlayHint {}
class SymbolInformation {}
class TypeHierarchyItem {}

class TabInputText {}
class TabInputTextDiff {}
class TabInputNotebook {}
class TabInputCustom {}

module.exports = {
  version: '1.91.0',
  env: { appName: 'vscode-stub', language: 'en', openExternal: async () => false },
  CallHierarchyItem,
  CancellationError,
  CancellationTokenSource,
  CodeAction,
  CodeActionKind,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  Disposable,
  DocumentLink,
  DocumentSymbol,
  EventEmitter,
  FoldingRange,
  FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
  Hover,
  InlayHint,
  Location,
  LogLevel,
  MarkdownString,
  Position,
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  Range,
  SymbolInformation,
  SymbolKind: Object.fromEntries(
    ['File', 'Module', 'Namespace', 'Package', 'Class', 'Method', 'Property', 'Field',
      'Constructor', 'Enum', 'Interface', 'Function', 'Variable', 'Constant', 'String', 'Number',
      'Boolean', 'Array', 'Object', 'Key', 'Null', 'EnumMember', 'Struct', 'Event', 'Operator',
      'TypeParameter'].map((name, i) => [name, i]),
  ),
  SymbolTag: { Deprecated: 1 },
  TabInputCustom,
  TabInputNotebook,
  TabInputText,
  TabInputTextDiff,
  TypeHierarchyItem,
  Uri,
  commands,
  languages,
  window,
  workspace,
  // For the test, not part of the VS Code API.
  stub: { recorded, setSetting, textDocument },
};
