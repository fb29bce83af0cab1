#!/usr/bin/env bash
# Silent uninstall of Confab on macOS. Users' own files (~/Library/Application Support/Confab) stay.
#   sudo ./uninstall.sh [--remove-policy]
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "uninstall.sh: run with sudo" >&2; exit 1; }
rm -rf /Applications/Confab.app
# Forget the installer receipt so a later install is treated as new.
for id in $(pkgutil --pkgs | grep -i '^dev\.confab'); do pkgutil --forget "$id" >/dev/null; done
if [ "${1:-}" = "--remove-policy" ]; then
  rm -rf "/Library/Application Support/Confab"
fi
