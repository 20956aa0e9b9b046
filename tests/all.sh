#!/usr/bin/env bash
# The project's test command (README "Test"): formatting, lints, the Rust test suite
# (unit, protocol and property tests), then the real-editor tests in tests/e2e.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
if [ -f tests/e2e/run.sh ]; then
  cargo build
  bash tests/e2e/run.sh
fi
