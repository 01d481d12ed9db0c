#!/usr/bin/env bash
# Install Debian packages, but only the ones that are not installed yet.
#
#   scripts/ensure_system_packages.sh PACKAGE...
#
# Runs apt-get directly as root, through sudo otherwise (non-interactive sudo when there is
# no terminal, so CI never hangs on a password prompt). Does nothing (and needs no
# privileges) when every package is already installed.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi

is_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

missing=()
for pkg in "$@"; do
    is_installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing system packages (${missing[*]}) and apt-get is not available;" \
        "install them by hand." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    if [ -t 0 ]; then as_root=(sudo); else as_root=(sudo -n); fi
else
    echo "error: missing system packages (${missing[*]}); not root and no sudo." \
        "Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
fi

apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)

echo ">>> installing system packages: ${missing[*]}" >&2
"${apt[@]}" update
"${apt[@]}" install -y --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
    if ! is_installed "$pkg"; then
        echo "error: package $pkg is still not installed after apt-get install" >&2
        exit 1
    fi
done
