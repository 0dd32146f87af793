#!/usr/bin/env bash
# Install or upgrade the kiosk from this unpacked tarball. Run as root:
#
#   sudo ./install.sh                               # program, menu entry, /usr/local/bin/kiosk
#   sudo ./install.sh --kiosk-user                  # + a 'kiosk' user whose session starts it
#   sudo ./install.sh --kiosk-user --sync-daemon    # + the sync daemon (systemd user unit)
#
# The program goes to /opt/kiosk-dvc/<version>/ and /opt/kiosk-dvc/current points at it; the
# previous version is kept for a rollback (ln -sfn <old version> /opt/kiosk-dvc/current).
# The data home (~kiosk/.local/share/kiosk-dvc) is never touched: an upgrade keeps it, and the
# new version migrates its database at the next start (copied into backups/ first).
# Environment: PREFIX (/opt/kiosk-dvc), BINDIR (/usr/local/bin), APPDIR (/usr/share/applications),
# KIOSK_USER (kiosk).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-/opt/kiosk-dvc}
BINDIR=${BINDIR:-/usr/local/bin}
APPDIR=${APPDIR:-/usr/share/applications}
KIOSK_USER=${KIOSK_USER:-kiosk}
kiosk_user=0
sync_daemon=0
for arg in "$@"; do
  case $arg in
    --kiosk-user|--autostart) kiosk_user=1 ;;
    --sync-daemon) sync_daemon=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo $0 $*)" >&2
  exit 1
fi

version=$(cat "$HERE/VERSION")
target="$PREFIX/$version"
echo "Installing kiosk $version into $target"
mkdir -p "$PREFIX"
rm -rf "$target.new"
cp -a "$HERE/kiosk" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sfn "$version" "$PREFIX/current"
mkdir -p "$BINDIR"
ln -sfn "$PREFIX/current/kiosk" "$BINDIR/kiosk"
mkdir -p "$APPDIR"
sed "s|/opt/kiosk-dvc/current|$PREFIX/current|g" "$HERE/kiosk.desktop" >"$APPDIR/kiosk-dvc.desktop"
chmod 644 "$APPDIR/kiosk-dvc.desktop"

# Keep this version and the newest older one (rollback); remove the rest.
find "$PREFIX" -mindepth 1 -maxdepth 1 -type d ! -name "$version" -printf '%T@ %p\n' \
  | sort -rn | tail -n +2 | cut -d' ' -f2- | while read -r old; do rm -rf "$old"; done

if [ "$kiosk_user" -eq 1 ] || [ "$sync_daemon" -eq 1 ]; then
  if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash --comment "Kiosk DVC" "$KIOSK_USER"
    echo "Created user $KIOSK_USER (set a password with: passwd $KIOSK_USER)"
  fi
  user_home=$(getent passwd "$KIOSK_USER" | cut -d: -f6)
  group=$(id -gn "$KIOSK_USER")
fi

if [ "$kiosk_user" -eq 1 ]; then
  install -d -o "$KIOSK_USER" -g "$group" "$user_home/.config" "$user_home/.config/autostart"
  sed "s|/opt/kiosk-dvc/current|$PREFIX/current|g" "$HERE/kiosk-autostart.desktop" \
    >"$user_home/.config/autostart/kiosk-dvc.desktop"
  chown "$KIOSK_USER:$group" "$user_home/.config/autostart/kiosk-dvc.desktop"
  echo "Autostart: the kiosk starts when $KIOSK_USER logs in; let the display manager log"
  echo "  $KIOSK_USER in automatically (LightDM: autologin-user=$KIOSK_USER; GDM: AutomaticLogin)."
fi

if [ "$sync_daemon" -eq 1 ]; then
  units="$user_home/.config/systemd/user"
  install -d -o "$KIOSK_USER" -g "$group" "$user_home/.config/systemd" "$units" \
    "$units/default.target.wants"
  sed "s|/opt/kiosk-dvc/current|$PREFIX/current|g" "$HERE/kiosk-sync.service" \
    >"$units/kiosk-sync.service"
  chown "$KIOSK_USER:$group" "$units/kiosk-sync.service"
  ln -sfn ../kiosk-sync.service "$units/default.target.wants/kiosk-sync.service"
  chown -h "$KIOSK_USER:$group" "$units/default.target.wants/kiosk-sync.service"
  loginctl enable-linger "$KIOSK_USER" || echo "loginctl enable-linger failed: starts at login"
  systemctl --user -M "$KIOSK_USER@" restart kiosk-sync.service 2>/dev/null \
    || echo "Sync daemon enabled; it starts at the next boot."
fi

echo "Done. Check this machine with: sudo -u $KIOSK_USER $BINDIR/kiosk --selftest"
