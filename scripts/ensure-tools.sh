#!/usr/bin/env bash
# Installs the tools a make target needs, only those missing. Debian packages and PyPI only.
#   scripts/ensure-tools.sh apt PACKAGE...         (as root; otherwise prints the apt-get line)
#   scripts/ensure-tools.sh pip NAME==VERSION...   (or NAME: any version)
# Used by `make workflow-lint`, `make workflow-test` and `make nginx-check`.
set -euo pipefail

PYTHON="${PYTHON:-python3}"
export DEBIAN_FRONTEND=noninteractive
kind="${1:?usage: ensure-tools.sh apt|pip NAME...}"
shift

case "$kind" in
apt)
  missing=""
  for package in "$@"; do
    # (dpkg -s also succeeds for a removed package whose configuration files are left.)
    [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] \
      || missing="$missing $package"
  done
  [ -z "$missing" ] && exit 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages. Run: sudo apt-get install -y$missing" >&2
    exit 1
  fi
  echo "Installing Debian packages:$missing"
  # Keep packages with a service (nginx) from starting it during the install: tests start
  # what they need themselves.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  status=0
  log="$(mktemp)"
  # shellcheck disable=SC2086
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1 || status=$?
  if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; fi
  if [ "$status" != 0 ]; then cat "$log" >&2; echo "apt-get install failed" >&2; fi
  rm -f "$log"
  exit "$status"
  ;;
pip)
  missing=()
  for requirement in "$@"; do
    name="${requirement%%==*}"
    version=""
    [ "$name" != "$requirement" ] && version="${requirement#*==}"
    installed="$({ "$PYTHON" -m pip show "$name" 2>/dev/null || true; } | sed -n 's/^Version: //p')"
    if [ -z "$installed" ] || { [ -n "$version" ] && [ "$installed" != "$version" ]; }; then
      missing+=("$requirement")
    fi
  done
  [ "${#missing[@]}" = 0 ] && exit 0
  echo "Installing Python packages: ${missing[*]}"
  pip=("$PYTHON" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore)
  "${pip[@]}" "${missing[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages "${missing[@]}"
  ;;
*)
  echo "usage: ensure-tools.sh apt|pip NAME..." >&2
  exit 2
  ;;
esac
