#!/usr/bin/env bash
# Rebuilds the real-apps check (docs/tauri-compat.md, "Real apps"): fetches two open-source
# Tauri apps at the commits tried, builds their frontends with their own configs, leaves their
# code as it is, and runs them on this project with the Python backends beside this script
# (test_realapps.py: used as their users would), then saves a screenshot of each.
# Needs the network (GitHub, the npm registry); not part of `make test`.
#
#   scripts/realapps/check.sh                 # into $REALAPPS_DIR (default /tmp/qtauri-realapps)
#   MIRRORS=/path/to/mirrors scripts/realapps/check.sh   # from local git mirrors instead:
#                                             #   $MIRRORS/<owner>+<name>/repo (bare or not)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
export REALAPPS_DIR="${REALAPPS_DIR:-/tmp/qtauri-realapps}"

# name  repository  commit  (Tauri 2, then Tauri 1)
apps=(
  "mdjax mihirballari/mdjax 3d0b7373a0bb2f07bfc27c28bfb6bafda9df7072"
  "quikedit nulluser0/quikedit ce43cd00dd8097de128f4573c053730fce1bd4f1"
)

fetch() {  # name repo commit: the commit's files in $REALAPPS_DIR/name, nothing else
  local name=$1 repo=$2 commit=$3 source
  if [[ -n "${MIRRORS:-}" ]]; then
    source="$MIRRORS/${repo/\//+}/repo"
  else
    source="$REALAPPS_DIR/.git-$name"
    [[ -d "$source" ]] || git clone --quiet --bare "https://github.com/$repo.git" "$source"
  fi
  rm -rf "${REALAPPS_DIR:?}/$name" && mkdir -p "$REALAPPS_DIR/$name"
  git -C "$source" archive "$commit" | tar -x -C "$REALAPPS_DIR/$name"
  echo "$name: $repo at $commit in $REALAPPS_DIR/$name"
}

mkdir -p "$REALAPPS_DIR"
for app in "${apps[@]}"; do
  # shellcheck disable=SC2086
  fetch $app
done

# mdjax: its own package.json and Vite config (`tsc && vite build` into dist/).
(cd "$REALAPPS_DIR/mdjax" && npm ci --no-audit --no-fund && npm run build)
# QuikEdit has no build step: its distDir is its src/ folder (jQuery is vendored there).

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" QTWEBENGINE_DISABLE_SANDBOX=1
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---disable-gpu}"
cd "$here"
"$python" -m pytest -q -p no:cacheprovider --rootdir . -o testpaths=. test_realapps.py

# A picture of each, started as a user starts it (their own tauri.conf.json).
home="$(mktemp -d)"
for app in mdjax quikedit; do
  HOME="$home" PYTHONPATH="$here" "$python" -m app --app "${app}_backend:builder" \
    --config "$REALAPPS_DIR/$app/src-tauri/tauri.conf.json" \
    --screenshot "$REALAPPS_DIR/$app.png" --exit-after 6 --log-level warning
done
rm -rf "$home"
echo "screenshots: $REALAPPS_DIR/mdjax.png, $REALAPPS_DIR/quikedit.png"
