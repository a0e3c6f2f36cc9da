#!/usr/bin/env bash
# Install the Debian packages listed in a package list (default .ci/debian-packages, what the
# tests need; `make bench` passes bench/debian-packages) that are not installed yet.
set -euo pipefail
cd "$(dirname "$0")/.."
list="${1:-.ci/debian-packages}"
mapfile -t wanted < <(grep -v '^\s*#' "$list" | awk 'NF {print $1}')
missing=()
for pkg in "${wanted[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "kg: $list lists Debian packages not installed: ${missing[*]} (run as root, or install them)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
