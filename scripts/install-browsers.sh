#!/usr/bin/env bash
# Installs the three browser engines the tests run in, from Debian's packages
# (nothing is downloaded by a tool of its own), then prints their versions:
#   chromium            Chromium                       /usr/bin/chromium
#   firefox-esr         Firefox ESR                    /usr/bin/firefox-esr
#   webkit2gtk-driver   WebKitGTK's WebKitWebDriver    /usr/bin/WebKitWebDriver (and MiniBrowser)
#   xvfb                the X server WebKit runs in    /usr/bin/Xvfb
# Idempotent: installs only the packages whose program is missing, and runs
# apt-get only then. As root it calls apt-get directly, otherwise through sudo.
set -euo pipefail

declare -A PROGRAM=(
  [chromium]=/usr/bin/chromium
  [firefox-esr]=/usr/bin/firefox-esr
  [webkit2gtk-driver]=/usr/bin/WebKitWebDriver
  [xvfb]=/usr/bin/Xvfb
)

missing=()
for package in chromium firefox-esr webkit2gtk-driver xvfb; do
  [ -x "${PROGRAM[$package]}" ] || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "::group::install ${missing[*]}"
  SUDO=()
  [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  # Wait for another apt/dpkg run (unattended upgrades, a parallel job) instead of failing on its lock.
  APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq)
  "${APT[@]}" update
  "${APT[@]}" install -y "${missing[@]}" >/dev/null
  echo "::endgroup::"
fi

# Each engine's version, as the README lists them (stderr: Debian's chromium wrapper chatters).
/usr/bin/chromium --version 2>/dev/null
/usr/bin/firefox-esr --version 2>/dev/null
webkit=$(dpkg-query -W -f '${Version}' 'libwebkit2gtk-4.1-0' 2>/dev/null || true)
echo "WebKitGTK ${webkit%%-*} (MiniBrowser through WebKitWebDriver; libwebkit2gtk-4.1-0 ${webkit:-not found})"
