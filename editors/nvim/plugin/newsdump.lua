-- News dumps: *.newsdump and *.dump.txt files get the 'newsdump' filetype.
vim.filetype.add({
  extension = { newsdump = 'newsdump' },
  pattern = { ['.*%.dump%.txt'] = 'newsdump' },
})
