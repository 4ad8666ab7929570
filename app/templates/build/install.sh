#!/bin/sh
# Installs this app for the current user: the app folder under ~/.local/opt, its icon and
# its .desktop file (so that it shows in the desktop's menu). Run it from this folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/{{slug}}
mkdir -p "$HOME/.local/opt" "$data/applications" "$data/icons/hicolor/256x256/apps"
rm -rf "$target"
cp -r "$here/{{slug}}" "$target"
cp "$here/{{identifier}}.png" "$data/icons/hicolor/256x256/apps/{{identifier}}.png"
sed "s|^Exec=.*|Exec=$target/{{slug}}|" "$here/{{identifier}}.desktop" \
  > "$data/applications/{{identifier}}.desktop"
echo "installed {{slug}} in $target; it is in the desktop's menu"
