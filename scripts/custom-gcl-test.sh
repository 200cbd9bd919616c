#!/usr/bin/env bash
# Builds a custom golangci-lint that includes apigwlint as a module plugin
# (.custom-gcl.yml at the repository root) and runs it on the sample module
# testdata/vetmodule, which must give the expected findings.
#
# `golangci-lint custom` clones golangci-lint's source with git from GitHub.
# CI reaches only the Go module proxy, so by default the script serves that
# clone from the same source fetched as a Go module (checked against the
# checksum database by the go command): git's url.<base>.insteadOf, passed
# through GIT_CONFIG_* variables, which `golangci-lint custom` keeps. Set
# CUSTOM_GCL_FROM_GITHUB=1 to let it clone from GitHub instead.
#
# Usage: scripts/custom-gcl-test.sh   (from anywhere; needs go and git)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

GOLANGCI_LINT_VERSION=v2.15.0
export PATH="$(go env GOPATH)/bin:$PATH"

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

step() { printf '\n==> %s\n' "$*"; }
start=$(date +%s)

step "install golangci-lint ${GOLANGCI_LINT_VERSION}"
go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@${GOLANGCI_LINT_VERSION}"

if [ "${CUSTOM_GCL_FROM_GITHUB:-}" != 1 ]; then
  step "serve golangci-lint's source from the Go module proxy"
  dir=$(go mod download -json "github.com/golangci/golangci-lint/v2@${GOLANGCI_LINT_VERSION}" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "could not download golangci-lint ${GOLANGCI_LINT_VERSION} as a module" >&2
    exit 1
  fi
  mirror="$work/golangci-lint.git"
  cp -R "$dir" "$mirror"
  chmod -R u+w "$mirror"
  git -C "$mirror" init -q
  git -C "$mirror" add -A
  git -C "$mirror" -c user.name=custom-gcl -c user.email=custom-gcl@localhost \
    -c commit.gpgsign=false commit -q -m "golangci-lint ${GOLANGCI_LINT_VERSION}"
  git -C "$mirror" tag "${GOLANGCI_LINT_VERSION}"
  export GIT_CONFIG_COUNT=1
  export GIT_CONFIG_KEY_0="url.file://${mirror}.insteadOf"
  export GIT_CONFIG_VALUE_0="https://github.com/golangci/golangci-lint.git"
fi

step "build the custom golangci-lint (.custom-gcl.yml)"
if ! golangci-lint custom --destination "$work/bin" --name apigwlint-gcl 2>&1 | tee "$work/build.log"; then
  if grep -q 'undefined: glob.Glob' "$work/build.log"; then
    # A module plugin is compiled into golangci-lint, so both must agree on
    # every shared dependency. OPA >= v1.21 needs github.com/gobwas/glob
    # v1 (*glob.Pattern); linters inside golangci-lint (depguard,
    # protogetter) use v0.2's glob.Glob, which v1 removed.
    echo "golangci-lint ${GOLANGCI_LINT_VERSION} and this module's OPA need incompatible" \
      "versions of github.com/gobwas/glob (v0.2 and v1): see the comment above" >&2
  fi
  exit 1
fi
built=$(date +%s)
echo "built in $((built - start))s"

step "run it on testdata/vetmodule"
set +e
out=$(cd testdata/vetmodule && GOFLAGS=-mod=mod GOPROXY=off GOWORK=off \
  "$work/bin/apigwlint-gcl" run --output.text.path=stdout --show-stats=false ./... 2>&1)
code=$?
set -e
echo "$out"
if [ "$code" -ne 1 ]; then
  echo "custom golangci-lint exited $code, want 1 (issues found)" >&2
  exit 1
fi
missing=0
for want in \
  'main.go:22:17: AG201 Resource "\*" matches every resource' \
  'main.go:26:1: AG101 policies/orders.json:4:5: ' \
  'main.go:30:90: AG102 "10.0.0.0/8"'; do
  if ! grep -q -- "$want" <<<"$out"; then
    echo "missing finding: $want" >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  exit 1
fi
echo "custom golangci-lint with apigwlint passed in $(($(date +%s) - start))s"
