-- newsdump-ls for Neovim 0.11+, found through 'runtimepath' by vim.lsp.enable('newsdump').
-- Change any field with vim.lsp.config('newsdump', { ... }) before or after enabling.

local path = vim.env.NEWSDUMP_LS_PATH
if path == nil or path == '' then
  path = 'newsdump-ls'
end

---@type vim.lsp.Config
return {
  cmd = { path },
  filetypes = { 'newsdump' },
  root_markers = { '.git' },
  -- Sent to the server once it is up (workspace/didChangeConfiguration). Keys:
  -- captionCredits (list of regexes), headlinePattern and notHeadlinePattern (regexes),
  -- severity (code -> 'error' | 'warning' | 'information' | 'hint').
  -- vim.empty_dict(): an empty Lua table would go out as a JSON list.
  settings = { newsdump = vim.empty_dict() },
}
