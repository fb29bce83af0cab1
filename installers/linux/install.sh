#!/usr/bin/env bash
# Silent install of Confab on Debian/Ubuntu (.deb) or Fedora/RHEL/openSUSE (.rpm), optionally with a policy.
#   sudo ./install.sh confab_0.1.0_amd64.deb [policy.json]
# Exit code 0 = installed and verified.
set -euo pipefail
pkg="${1:?usage: install.sh PACKAGE.deb|PACKAGE.rpm [policy.json]}"
policy="${2:-}"
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }
[ -f "$pkg" ] || { echo "install.sh: $pkg not found" >&2; exit 1; }
pkg="$(cd "$(dirname "$pkg")" && pwd)/$(basename "$pkg")"   # apt needs a path, not a bare name

launcher=/opt/confab/bin/Confab
if [ -n "$policy" ]; then
  # Check the policy before it goes live: an administrator wants to hear about a typo now, not from users.
  [ -f "$policy" ] || { echo "install.sh: $policy not found" >&2; exit 1; }
fi

case "$pkg" in
  *.deb)
    # apt resolves the declared dependencies (libpulse0, xdg-utils, ...); dpkg -i alone would not.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" ;;
  *.rpm)
    if command -v dnf >/dev/null; then dnf install -y -q "$pkg"
    elif command -v zypper >/dev/null; then zypper --non-interactive install --allow-unsigned-rpm "$pkg"
    else rpm -Uvh "$pkg"; fi ;;
  *) echo "install.sh: expected a .deb or .rpm file" >&2; exit 1 ;;
esac

if [ -n "$policy" ]; then
  if "$launcher" --check-policy "$policy" | grep -q '^Warnings:'; then
    "$launcher" --check-policy "$policy" >&2
    echo "install.sh: $policy has problems (see Warnings above); not installed" >&2
    exit 2
  fi
  # Machine-wide and read-only for users: owned by root, mode 0644, in a root-owned 0755 folder.
  install -d -o root -g root -m 0755 /etc/confab
  install -o root -g root -m 0644 "$policy" /etc/confab/policy.json
fi

"$launcher" --version
"$launcher" --print-effective-config
