#!/usr/bin/env bash
# Screenshots of every screen in the light and the dark theme, taken from the
# real groupdesk binary in a real window under Xvfb, so that a reviewer sees
# them all at once. Usage: scripts/screenshots.sh BINARY OUTDIR
# Needs Xvfb, xwininfo (x11-utils) and ImageMagick (import, identify, montage).
set -euo pipefail
bin=$(realpath "$1")
out=${2:-artifacts/screenshots}
mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT

# The screens a local owner sees, in sidebar order (Access needs an account
# service). A screen a new issue adds goes here too.
screens=("Home" "Book of business" "Calendar" "Members" "Renewals" "Billing" "Contracts" "Documents" "Quote" "Applications" "Sync" "Information" "Settings")

"$bin" demo --db "$work/demo.db" --people 6000 >/dev/null

display=":$((200 + $$ % 500))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb=$!
for _ in $(seq 50); do xwininfo -display "$display" -root >/dev/null 2>&1 && break; sleep 0.1; done

# shoot NAME THEME FILE: opens the app on a screen and saves the screen once
# the window has painted and stopped changing.
shoot() {
  local name=$1 theme=$2 file=$3 home="$work/home-$2"
  mkdir -p "$home"
  DISPLAY=$display HOME=$home XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home \
    "$bin" --db "$work/demo.db" --screen "$name" --theme "$theme" >"$work/log" 2>&1 &
  local app=$! last="" n=0
  for _ in $(seq 150); do
    sleep 0.2
    xwininfo -display "$display" -root -tree 2>/dev/null | grep -q '"GroupDesk' || continue
    import -display "$display" -window root "$file" 2>/dev/null || continue
    n=$(identify -format %k "$file")
    local sum; sum=$(md5sum <"$file")
    if [ "$n" -gt 64 ] && [ "$sum" = "$last" ]; then break; fi
    last=$sum
    sleep 0.8 # let the charts and counts arrive before comparing again
  done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  [ "$n" -gt 64 ] || { echo "screenshots: $name ($theme) stayed blank" >&2; cat "$work/log" >&2; exit 1; }
}

for theme in light dark; do
  for name in "${screens[@]}"; do
    slug=$(echo "$name" | tr 'A-Z ' 'a-z-')
    shoot "$name" "$theme" "$out/$slug-$theme.png"
    echo "screenshots: $out/$slug-$theme.png"
  done
done
montage "$out"/*-light.png "$out"/*-dark.png -tile 4x -geometry 640x400+4+4 "$out/all.png" 2>/dev/null &&
  echo "screenshots: every screen at once in $out/all.png"
