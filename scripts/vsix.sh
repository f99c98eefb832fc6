#!/usr/bin/env bash
# Packages editors/vscode into a .vsix (VS Code's extension file) with
# @vscode/vsce from npm, in a copy (no node_modules left in the tree):
#
#   scripts/vsix.sh [OUT_DIR]      (default: target/vsix)
#
# .ci/run calls it (the extension packs and its code parses); the release
# workflow attaches the file to each release. Install it with
#   code --install-extension flinkscale-VERSION.vsix
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$project/target/vsix}" && cd "${1:-$project/target/vsix}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$project/editors/vscode/." "$work/"
cp "$project/LICENSE" "$work/LICENSE"
cd "$work"
npm install --silent --no-audit --no-fund --omit=dev >/dev/null
node --check extension.js
version=$(node -p 'require("./package.json").version')
# One file of 300 unbundled ones is fine for a client this small (vsce
# suggests a bundler; the warning is left out of the log).
npx --yes @vscode/vsce@3 package --out "$out/flinkscale-$version.vsix" 2>&1 | grep -v "WARNING" || true
test -s "$out/flinkscale-$version.vsix"
# What a user installs: the manifest, the client and its library.
listing=$(unzip -l "$out/flinkscale-$version.vsix")
grep -q 'extension/extension.js' <<<"$listing"
grep -q 'extension/node_modules/vscode-languageclient/' <<<"$listing"
echo "vsix: $out/flinkscale-$version.vsix"
