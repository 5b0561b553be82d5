#!/usr/bin/env bash
# Makes sure Debian's browsers are here; nothing downloads a browser of its own.
# Usage: ensure-browsers.sh [chromium] [firefox-esr]   (both when none named)
set -euo pipefail
wanted=("$@")
[ "${#wanted[@]}" -gt 0 ] || wanted=(chromium firefox-esr)
missing=()
for pkg in "${wanted[@]}"; do
  case "$pkg" in
    chromium) [ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || missing+=(chromium) ;;
    firefox-esr) [ -x "${FIREFOX_PATH:-/usr/lib/firefox-esr/firefox-esr}" ] || missing+=(firefox-esr) ;;
  esac
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} from Debian…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "Hearth needs Debian's ${missing[*]}: run  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
