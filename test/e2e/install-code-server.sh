#!/usr/bin/env bash
# Installs code-server (a real VS Code: 4.100.3 = VS Code 1.100.3) into $CS_DIR for the end-to-end tests; reuses a complete install.
#
# Needs: node 20 (code-server's postinstall refuses other majors) with its headers in /usr/include/node,
# a C/C++ toolchain and the headers of libkrb5, libxkbfile, libsecret and libx11 (VS Code's native
# modules are compiled), and ripgrep (Debian's rg replaces the binary @vscode/ripgrep would download
# from GitHub). .ci/run installs these Debian packages first.
# Network: registry.npmjs.org only.
#
# Usage: bash test/e2e/install-code-server.sh      (CS_DIR defaults to /opt/cs)
set -euo pipefail

CS_DIR="${CS_DIR:-/opt/cs}"
CS_VERSION=4.100.3
# @vscode/ripgrep as pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json), and the release
# asset its postinstall fetches on x86-64 Linux; a file of that name in its cache folder is used instead.
RG_PACKAGE_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

CS_PKG="$CS_DIR/node_modules/code-server"
installed_version() { node -p "require('$CS_PKG/package.json').version" 2>/dev/null || true; }

# Complete = the right version, and the postinstall built VS Code's native modules and placed rg.
if [ "$(installed_version)" = "$CS_VERSION" ] \
  && [ -f "$CS_PKG/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] \
  && [ -x "$CS_PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  echo "code-server $CS_VERSION already installed in $CS_DIR"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
  echo "code-server $CS_VERSION needs node 20, found $(node --version)" >&2
  exit 1
fi
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v g++ >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v python3 >/dev/null || missing+=(python3)
[ -f /usr/include/node/node.h ] || missing+=("node headers in /usr/include/node (they come with the nodejs package)")
for pc in krb5-gssapi xkbfile libsecret-1 x11; do pkg-config --exists "$pc" 2>/dev/null || missing+=("$pc development headers"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "missing prerequisites: ${missing[*]}" >&2
  echo "on Debian: apt-get install -y build-essential python3 pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev ripgrep" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall looks in $(os.tmpdir())/vscode-ripgrep-cache-<version>/<asset> before
# downloading from GitHub: put Debian's rg there.
rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-${RG_PACKAGE_VERSION}"
mkdir -p "$rg_cache"
if [ ! -f "$rg_cache/$RG_ASSET" ]; then
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -C "$stage" -czf "$rg_cache/$RG_ASSET" rg
  rm -rf "$stage"
fi

mkdir -p "$CS_DIR"
cd "$CS_DIR"
[ -f package.json ] || echo '{ "name": "code-server-host", "private": true }' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's post-install runs `npx node-gyp@...`, which would otherwise wait for a confirmation.
# nodedir: node-gyp compiles against the local headers instead of downloading them from nodejs.org.
started=$(date +%s)
npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
  npm install --no-audit --no-fund --save-exact "code-server@${CS_VERSION}"

if [ "$(installed_version)" != "$CS_VERSION" ] || [ ! -f "$CS_PKG/lib/vscode/node_modules/node-pty/build/Release/pty.node" ]; then
  echo "code-server's postinstall did not complete (no node-pty build in $CS_PKG/lib/vscode)" >&2
  exit 1
fi
check_home="$(mktemp -d)"
XDG_DATA_HOME="$check_home" XDG_CONFIG_HOME="$check_home" node "$CS_PKG/out/node/entry.js" --config /dev/null --version
rm -rf "$check_home"
"$CS_PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version
echo "code-server $CS_VERSION installed in $CS_DIR in $(( $(date +%s) - started ))s"
