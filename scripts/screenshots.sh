#!/usr/bin/env bash
# Screenshots of every screen in the light and the dark theme, taken from the
# real groupdesk binary in a real window under Xvfb, so that a reviewer sees
# them all at once. Usage: scripts/screenshots.sh BINARY OUTDIR
# The Access screen shows only to a signed-in Primary Group Administrator:
# it is taken from a desktop signed in to a real accountd on loopback (the
# accountd beside BINARY, or $ACCOUNTD), through the sign-in form
# (internal/signin, built with $GO).
# Needs Xvfb, xwininfo (x11-utils), xdotool and ImageMagick (import,
# identify, montage).
set -euo pipefail
command -v xdotool >/dev/null || { echo "screenshots: needs xdotool (apt-get install xdotool)" >&2; exit 1; }
bin=$(realpath "$1")
out=${2:-artifacts/screenshots}
accountd=$(realpath "${ACCOUNTD:-$(dirname "$bin")/accountd}")
mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
xvfb="" service=""
stop() {
  [ -z "$service" ] || { kill "$service" 2>/dev/null; wait "$service" 2>/dev/null; } || true
  [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
(cd "$(dirname "$0")/.." && "${GO:-go}" build -tags sqlite_fts5 -o "$work/signin" ./internal/signin)

# The screens a local owner sees, in sidebar order (Access, for a signed-in
# PGA, is taken further down). A screen a new issue adds goes here too.
screens=("Home" "Book of business" "Calendar" "Members" "Renewals" "Billing" "Contracts" "Documents" "Quote" "Applications" "Sync" "Information" "Settings")

"$bin" demo --db "$work/demo.db" --people 6000 >/dev/null

display=":$((200 + $$ % 500))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb=$!
for _ in $(seq 50); do xwininfo -display "$display" -root >/dev/null 2>&1 && break; sleep 0.1; done

# shoot NAME THEME FILE [DB [KEYS]]: opens the app on a screen (of the demo
# database unless DB is given), types KEYS once the window shows, and saves
# the screen once the window has painted and stopped changing.
shoot() {
  local name=$1 theme=$2 file=$3 db=${4:-$work/demo.db} keys=${5:-} home="$work/home-$2"
  mkdir -p "$home"
  DISPLAY=$display HOME=$home XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home \
    "$bin" --db "$db" --screen "$name" --theme "$theme" >"$work/log" 2>&1 &
  local app=$! last="" n=0
  for _ in $(seq 150); do
    sleep 0.2
    xwininfo -display "$display" -root -tree 2>/dev/null | grep -q '"GroupDesk' || continue
    if [ -n "$keys" ]; then
      sleep 1 # the window takes keys once it has drawn its first frame
      DISPLAY=$display xdotool key $keys
      keys=""
    fi
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

# Access: a real accountd on loopback with the demo book and its users, and
# a desktop database per theme that its first PGA signed in to (the
# sign-in is kept in the database's folder, or in a keychain of the same
# HOME as the window's).
"$accountd" demo --db "$work/accountd.db" --people 2000 >"$work/users"
email=$(awk '/Primary Group Administrator of/ {print $1; exit}' "$work/users")
[ -n "$email" ] || { echo "screenshots: accountd demo named no Primary Group Administrator" >&2; cat "$work/users" >&2; exit 1; }
for _ in $(seq 5); do
  port=$((20000 + RANDOM % 20000))
  "$accountd" --db "$work/accountd.db" --addr "127.0.0.1:$port" >"$work/accountd.out" 2>"$work/accountd.log" &
  service=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$work/accountd.out" && break
    kill -0 "$service" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "listening on" "$work/accountd.out" && break
  kill "$service" 2>/dev/null || true
  wait "$service" 2>/dev/null || true
  service=""
done
[ -n "$service" ] || { echo "screenshots: accountd did not start" >&2; cat "$work/accountd.log" >&2; exit 1; }
unset DBUS_SESSION_BUS_ADDRESS # never the keychain of the person running this
for theme in light dark; do
  desk="$work/desk-$theme/groupdesk.db" home="$work/home-$theme"
  mkdir -p "$home" "$(dirname "$desk")"
  HOME=$home XDG_DATA_HOME=$home XDG_CONFIG_HOME=$home \
    "$bin" sync --server "http://127.0.0.1:$port" --db "$desk" >"$work/sync.out" 2>&1 &
  sync=$!
  for _ in $(seq 100); do
    grep -q "^Open this address to sign in: " "$work/sync.out" && break
    sleep 0.1
  done
  url=$(sed -n 's/^Open this address to sign in: //p' "$work/sync.out")
  [ -n "$url" ] && "$work/signin" "$url" "$email" groupdesk-demo || { kill "$sync" 2>/dev/null || true; }
  wait "$sync" || { echo "screenshots: signing $email in failed" >&2; cat "$work/sync.out" >&2; exit 1; }
  # The window opens before it has read the group, whose Access it may show,
  # so Ctrl+= (View > Access) brings the screen forward.
  shoot "Access" "$theme" "$out/access-$theme.png" "$desk" ctrl+equal
  echo "screenshots: $out/access-$theme.png"
done

montage "$out"/*-light.png "$out"/*-dark.png -tile 4x -geometry 640x400+4+4 "$out/all.png" 2>/dev/null &&
  echo "screenshots: every screen at once in $out/all.png"
