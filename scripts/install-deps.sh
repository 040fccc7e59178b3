#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages GroupDesk needs to build and test, and
# only those that are missing. Usage: scripts/install-deps.sh run|test|bench|package
# On other systems it prints what to install and carries on.
set -euo pipefail

run_pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev wayland-protocols)
# xvfb, imagemagick and x11-utils for the real-window smoke test; the
# independent readers the tests check files with.
# PostgreSQL's server for the account service's tests on PostgreSQL.
test_pkgs=(xvfb imagemagick x11-utils python3 python3-openpyxl python3-icalendar poppler-utils qpdf sqlite3 chromium postgresql)
# The baselines the benchmarks compare with.
bench_pkgs=(sqlite3 libreoffice-calc-nogui)
# The Windows cross-compiler (make windows, which make test runs too) and
# xz for the Linux archive.
package_pkgs=(gcc-mingw-w64-x86-64 xz-utils)

want=("${run_pkgs[@]}")
case "${1:-run}" in
  test) want+=("${test_pkgs[@]}" "${package_pkgs[@]}") ;;
  package) want+=("${package_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: not a Debian/Ubuntu system; see README.md for the prerequisites on this platform" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
