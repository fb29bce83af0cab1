#!/usr/bin/env bash
# Silent install of Confab on macOS from its .pkg, optionally with an administrator policy.
#   sudo ./install.sh Confab-1.1.0.pkg [policy.json]
set -euo pipefail
pkg="${1:?usage: install.sh Confab-VERSION.pkg [policy.json]}"
policy="${2:-}"
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run with sudo" >&2; exit 1; }
launcher=/Applications/Confab.app/Contents/MacOS/Confab

installer -pkg "$pkg" -target /

if [ -n "$policy" ]; then
  if "$launcher" --check-policy "$policy" | grep -q '^Warnings:'; then
    "$launcher" --check-policy "$policy" >&2
    echo "install.sh: $policy has problems (see Warnings above); not installed" >&2
    exit 2
  fi
  dir="/Library/Application Support/Confab"
  install -d -o root -g wheel -m 0755 "$dir"
  install -o root -g wheel -m 0644 "$policy" "$dir/policy.json"
fi

"$launcher" --version
"$launcher" --print-effective-config
