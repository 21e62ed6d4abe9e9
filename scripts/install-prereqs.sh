#!/usr/bin/env bash
# Installs what the portal and its tests need from Debian's packages, when missing:
# PostgreSQL 15 server binaries, Chromium (PDFs and browser tests), qpdf (splits batch-printed certificates into one PDF
# each), poppler-utils (pdftotext/pdftoppm) and zbar-tools (zbarimg) for the tests, nginx (the reverse proxy of
# deploy/nginx; the deployment test runs it as a child process with its own config, pid and temp folders).
# As root it installs them; otherwise it says exactly what to install.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}."
