#!/usr/bin/env bash
# Builds target/debian/budget-workbench_VERSION_ARCH.deb with cargo-deb and prints its path
# (`cargo install cargo-deb --locked`). The man pages and completions come from the binary
# itself, so they always match its command line.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
# cargo-deb reads `target/release/...` assets from the real target directory.
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
bin="$target/release/budget-workbench"
assets="$target/release/deb-assets"
rm -rf "$assets"
mkdir -p "$assets/man"
"$bin" man --dir "$assets/man" 2>/dev/null
gzip -9n "$assets"/man/*.1
"$bin" completions bash >"$assets/budget-workbench.bash"
"$bin" completions zsh >"$assets/_budget-workbench"
"$bin" completions fish >"$assets/budget-workbench.fish"
cargo deb --no-build --locked "$@"
