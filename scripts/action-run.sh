#!/usr/bin/env bash
# The lint step of action.yml: annotations on stdout (--format github), SARIF
# to $SARIF_FILE. Findings do not fail this step: the exit code goes to the
# step's outputs, so the SARIF upload runs first and a later step fails the
# job. A usage or internal error (exit 2 or 3) fails at once: there is no
# SARIF worth uploading.
#
# Inputs, from the environment: PATHS (default .), ARGS (extra flags),
# SARIF_FILE (default apigwlint.sarif).
set -uo pipefail
SARIF_FILE=${SARIF_FILE:-apigwlint.sarif}
PATHS=${PATHS:-.}
ARGS=${ARGS:-}

# ARGS and PATHS are split on spaces on purpose: they are lists.
# shellcheck disable=SC2086
apigwlint lint --format github --format "sarif=$SARIF_FILE" $ARGS $PATHS
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [ "$code" -ge 2 ]; then
  exit "$code"
fi
exit 0
