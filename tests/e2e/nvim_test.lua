-- Neovim 0.11 end-to-end test: `nvim --headless -u NONE -l tests/e2e/nvim_test.lua`.
-- Loads editors/nvim as a user would, opens tests/fixtures/e2e.newsdump, and drives the real
-- newsdump-ls (NEWSDUMP_LS_PATH, read by editors/nvim/lsp/newsdump.lua) through Neovim's own
-- LSP client. Prints one `ok`/`not ok` line per check; the exit status is 1 when any failed.

local root = vim.fs.dirname(vim.fs.dirname(vim.fs.dirname(vim.fs.abspath(debug.getinfo(1, 'S').source:sub(2)))))
local fixture = root .. '/tests/fixtures/e2e.newsdump'
local WAIT_MS = 10000
local failed = 0

-- Results go to stdout (`print` goes to stderr under -l).
local function report(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function check(name, body)
  local ok, err = pcall(body)
  if ok then
    report('ok - nvim: ' .. name)
  else
    failed = failed + 1
    report('not ok - nvim: ' .. name .. ': ' .. tostring(err))
  end
  return ok
end

-- Neovim's own messages go to stderr on lines of their own, apart from the results.
vim.notify = function(msg)
  io.stderr:write('[nvim] ' .. tostring(msg) .. '\n')
end

local function finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop()
  end
  vim.wait(2000, function()
    return #vim.lsp.get_clients() == 0
  end)
  os.exit(failed == 0 and 0 or 1)
end

local function eq(want, got, what)
  if not vim.deep_equal(want, got) then
    error(('%s: want %s, got %s'):format(what, vim.inspect(want), vim.inspect(got)), 0)
  end
end

-- What a user's init.lua does (the README's lines); startup would then enable filetype
-- detection and source plugin/ files, which -u NONE skips, so do both here.
vim.opt.runtimepath:append(root .. '/editors/nvim')
vim.cmd('filetype on')
vim.cmd('runtime! plugin/newsdump.lua')
vim.lsp.enable('newsdump')

check('filetype detection for *.newsdump and *.dump.txt', function()
  eq('newsdump', vim.filetype.match({ filename = '/tmp/a.newsdump' }), '*.newsdump')
  eq('newsdump', vim.filetype.match({ filename = '/tmp/scrape.dump.txt' }), '*.dump.txt')
end)

vim.cmd.edit(vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()
local original = vim.api.nvim_buf_get_lines(buf, 0, -1, true)

local client
local attached = check('the server attaches to the dump', function()
  eq('newsdump', vim.bo[buf].filetype, 'filetype')
  vim.wait(WAIT_MS, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'newsdump' })[1]
    return client ~= nil and client.initialized
  end)
  assert(client, 'no newsdump client attached')
  assert(client.initialized, 'the client did not finish initializing')
  eq('newsdump-ls', client.server_info and client.server_info.name, 'server name')
end)
if not attached then
  finish()
end

--- Sends a request and returns its result, or raises the error.
local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, WAIT_MS)
  assert(responses, err or ('no response to ' .. method))
  local response = responses[client.id]
  assert(response, 'no response from newsdump-ls to ' .. method)
  assert(not response.err, vim.inspect(response.err))
  return response.result
end

--- 0-based line of the first line equal to `text` after line `after` (0-based).
local function line_of(lines, text, after)
  for i = (after or -1) + 2, #lines do
    if lines[i] == text then
      return i - 1
    end
  end
  error('no line ' .. text, 0)
end

local caption = original[3]
local first_copy = line_of(original, caption)
local second_copy = line_of(original, caption, first_copy)

check('outline: documentSymbol lists the four articles', function()
  local symbols = request('textDocument/documentSymbol', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
  })
  eq(4, #symbols, 'number of articles')
  eq('Nordic leaders back Arctic rail corridor study', symbols[1].name, 'first headline')
end)

check('outline: vim.lsp.buf.document_symbol() lists the headlines', function()
  local items
  vim.lsp.buf.document_symbol({
    on_list = function(list)
      items = list.items
    end,
  })
  vim.wait(WAIT_MS, function()
    return items ~= nil
  end)
  assert(items, 'no symbol list')
  local texts = vim.tbl_map(function(item)
    return item.text
  end, items)
  local found = vim.tbl_filter(function(text)
    return text:find('Coastal town opens floating library', 1, true) ~= nil
  end, texts)
  eq(1, #found, 'the second headline in ' .. vim.inspect(texts))
end)

check('hover on a later mention names the person in bold', function()
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  local row
  for i, line in ipairs(lines) do
    if line:find('Virtanen told', 1, true) then
      row = i
    end
  end
  assert(row, 'no line with the later mention')
  vim.api.nvim_win_set_cursor(0, { row, lines[row]:find('Virtanen told', 1, true) + 1 })
  assert(client:supports_method('textDocument/hover'), 'the server does not offer hover')
  local hover = request('textDocument/hover', vim.lsp.util.make_position_params(0, client.offset_encoding))
  assert(hover, 'no hover')
  local value = type(hover.contents) == 'string' and hover.contents or hover.contents.value
  local first = vim.split(value, '\n')[1]
  assert(first:find('**Aino Virtanen**', 1, true), 'first line of the hover: ' .. first)

  -- What `K` shows: a floating window with the name.
  local main = vim.api.nvim_get_current_win()
  vim.lsp.buf.hover()
  local float
  vim.wait(WAIT_MS, function()
    float = vim.iter(vim.api.nvim_list_wins()):find(function(w)
      return vim.api.nvim_win_get_config(w).relative ~= ''
    end)
    return float ~= nil
  end)
  assert(float, 'no hover window')
  local shown = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  assert(shown:find('Aino Virtanen', 1, true), 'hover window shows: ' .. shown)
  vim.api.nvim_win_close(float, true)
  vim.api.nvim_set_current_win(main)
end)

local duplicate
check('the second copy of the caption gets a duplicate-caption warning', function()
  vim.wait(WAIT_MS, function()
    duplicate = vim.iter(vim.diagnostic.get(buf)):find(function(d)
      return d.code == 'duplicate-caption'
    end)
    return duplicate ~= nil
  end)
  assert(duplicate, 'no duplicate-caption diagnostic in ' .. vim.inspect(vim.diagnostic.get(buf)))
  eq(second_copy, duplicate.lnum, 'line of the diagnostic')
  eq(vim.diagnostic.severity.WARN, duplicate.severity, 'severity')
  eq('newsdump', duplicate.source, 'source')
end)

check("the quick fix through vim.lsp.buf.code_action removes the copy", function()
  assert(duplicate, 'no diagnostic to fix')
  assert(client:supports_method('textDocument/codeAction'), 'the server does not offer code actions')
  vim.api.nvim_win_set_cursor(0, { second_copy + 1, 0 })
  local tick = vim.b[buf].changedtick
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      return action.title == 'Remove duplicate caption'
    end,
  })
  vim.wait(WAIT_MS, function()
    return vim.b[buf].changedtick ~= tick
  end)
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  eq(#original - 2, #after, 'line count after the fix')
  eq(caption, after[first_copy + 1], 'the first copy stays')
  eq('', after[first_copy + 2], 'one blank line after it')
  eq(original[second_copy + 3], after[first_copy + 3], 'then the body')
  eq(1, #vim.tbl_filter(function(l)
    return l == caption
  end, after), 'copies of the caption')
end)

finish()
