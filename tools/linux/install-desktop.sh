#!/bin/sh
# Put 工会台账 in this user's application menu (统信UOS, 麒麟, GNOME, KDE …): run it once from
# the program's folder, wherever that folder was copied. No root needed; uninstall with
# `./install-desktop.sh --remove`.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$APPS/union-ledger.desktop" "$ICONS/union-ledger.svg"
    echo "已从应用菜单中移除工会台账。"
    exit 0
fi
mkdir -p "$APPS" "$ICONS"
cp "$HERE/union-ledger.svg" "$ICONS/union-ledger.svg"
# The entry names this folder's program by its full path (the folder is not on PATH).
sed -e "s|^Exec=.*|Exec=\"$HERE/union-ledger\"|" -e "s|^Icon=.*|Icon=$ICONS/union-ledger.svg|" \
    "$HERE/union-ledger.desktop" > "$APPS/union-ledger.desktop"
chmod +x "$APPS/union-ledger.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" 2>/dev/null || true
echo "已把工会台账加入应用菜单：$APPS/union-ledger.desktop"
