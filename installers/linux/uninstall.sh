#!/usr/bin/env bash
# Silent uninstall of Confab. Users' own files (~/.config/confab, ~/.local/share/confab) are left alone.
#   sudo ./uninstall.sh [--remove-policy]
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "uninstall.sh: run as root (sudo)" >&2; exit 1; }
if command -v dpkg-query >/dev/null && dpkg-query -W confab >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q confab
elif command -v rpm >/dev/null && rpm -q confab >/dev/null 2>&1; then
  rpm -e confab
else
  echo "uninstall.sh: Confab is not installed"
fi
if [ "${1:-}" = "--remove-policy" ]; then
  rm -f /etc/confab/policy.json
  rmdir /etc/confab 2>/dev/null || true
fi
