#!/bin/sh
# Installs what Courant needs to build, run and test on Debian 12, if missing.
# Run as root (or through sudo).
set -eu

packages="
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libsoup-3.0-dev libjson-glib-dev zlib1g-dev
  gettext itstool desktop-file-utils appstream python3
  xvfb xauth dbus-x11 locales tzdata fonts-cantarell adwaita-icon-theme
  sqlite3
"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The French and English locales, for the translated UI and its tests.
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf8$' || ! locale -a 2>/dev/null | grep -qi '^en_US\.utf8$'; then
  sed -i -E 's/^# ?((fr_FR|en_US)\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  locale-gen >/dev/null
fi
