#!/usr/bin/env bash
# Prints the code block of README.md that follows "<!-- ci-snippet: NAME -->",
# so the CI scripts run exactly what the docs show.
# Usage: scripts/ci-snippet.sh NAME
set -euo pipefail
name=$1
doc="$(dirname "$0")/../README.md"
out=$(awk -v marker="<!-- ci-snippet: ${name} -->" '
  $0 == marker { found = 1; next }
  found && /^```/ { if (inside) exit; inside = 1; next }
  inside { print }
' "$doc")
if [ -z "$out" ]; then
  echo "ci-snippet: no snippet named $name in $doc" >&2
  exit 1
fi
printf '%s\n' "$out"
