#!/usr/bin/env bash
# The Debian packages the test suite needs: Chromium (end-to-end tests), poppler-utils
# (pdftotext/pdffonts/pdftoppm to check rendered PDFs), LibreOffice Writer and Calc (the DOCX and
# XLSX we write must open in it; the render benchmark compares against it), wrk (the web benchmark),
# redis-server (the cluster test), tesseract-ocr with tesseract-ocr-tha (OCR of scanned PDFs) and Node.js/npm to install the npm test tools (axe-core,
# package.json; see scripts/npm-deps.sh). Installs what is missing, or says how.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# LibreOffice Calc: the XLSX exports must show formula-like text literally (tests/oversight/test_export.py)
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
command -v wrk >/dev/null 2>&1 || need+=(wrk)  # the load generator of `prongsai bench web`
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)  # the shared cache of make test-cluster
# Tesseract with its Thai model: the importer reads scanned PDF pages (docimport/ocr.py)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/tha.traineddata ] || need+=(tesseract-ocr-tha)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)  # installs axe-core for tests/e2e/test_accessibility.py
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian packages the tests need: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Please install: apt-get install ${need[*]}" >&2
  exit 1
fi
