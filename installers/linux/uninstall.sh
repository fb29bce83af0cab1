#!/usr/bin/env bash
# Silent uninstall of Confab. Users' own files (~/.config/confab, ~/.local/share/confab) are left alone.
#   sudo ./uninstall.sh [--remove-policy]
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "uninstall.sh: run as root (sudo)" >&2; exit 1; }
if command -v dpkg-query >/dev/null && dpkg-query -W confab >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q confab
elif command -v rpm >/dev/null && rpm -q confab >/dev/null 2>&1; then
  # On machines without a desktop menu (no /etc/xdg/menus) the package's %preun fails at removing the menu
  # entry, which would block the uninstall; there is no menu entry to remove there, so skip that script.
  rpm -e confab || { echo "uninstall.sh: retrying without the menu clean-up script" >&2; rpm -e --nopreun confab; }
else
  echo "uninstall.sh: Confab is not installed"
fi
if [ "${1:-}" = "--remove-policy" ]; then
  rm -f /etc/confab/policy.json
  rmdir /etc/confab 2>/dev/null || true
fi
