#!/bin/sh
# Add Study Planner to the app menu of the current user, or take it out with --uninstall.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
id=org.studyplanner.StudyPlanner
data=${XDG_DATA_HOME:-$HOME/.local/share}
desktop="$data/applications/$id.desktop"
icon="$data/icons/hicolor/scalable/apps/$id.svg"
metainfo="$data/metainfo/$id.metainfo.xml"

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
    fi
}

case "${1:-}" in
--uninstall)
    rm -f "$desktop" "$icon" "$metainfo"
    refresh
    echo "Study Planner is out of your app menu. Your data is still in $data/StudyPlanner."
    exit 0
    ;;
"") ;;
*)
    echo "usage: $0 [--uninstall]" >&2
    exit 2
    ;;
esac

if [ ! -x "$here/StudyPlanner" ]; then
    echo "error: $here/StudyPlanner is missing; run install.sh from the unpacked folder" >&2
    exit 1
fi
mkdir -p "$(dirname "$desktop")" "$(dirname "$icon")" "$(dirname "$metainfo")"
# The desktop file names the executable by its full path, quoted in case it holds spaces.
sed -e "s|^Exec=.*|Exec=\"$here/StudyPlanner\"|" -e "s|^TryExec=.*|TryExec=$here/StudyPlanner|" \
    "$here/share/applications/$id.desktop" >"$desktop"
cp "$here/share/icons/hicolor/scalable/apps/$id.svg" "$icon"
cp "$here/share/metainfo/$id.metainfo.xml" "$metainfo"
refresh
echo "Study Planner is in your app menu. It runs from $here; move it, and run install.sh again."
