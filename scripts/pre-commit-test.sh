#!/usr/bin/env bash
# Tests the pre-commit hook (.pre-commit-hooks.yaml) end to end with the real
# pre-commit: in a sample git repository, a staged policy with a finding
# fails the commit check and prints the finding; fixed, it passes; files that
# are not staged, or staged but not policies, are never reported.
#
# Installs Debian's pre-commit when it is missing (CI runs as root).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "pre-commit-test: FAIL: $*" >&2; exit 1; }

if ! command -v pre-commit >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "pre-commit is not installed and installing it needs root: apt-get install pre-commit"
  echo "==> installing pre-commit (Debian package)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
fi

# The hook id the docs tell users to configure is the one this repository
# defines.
hook=$("$root/scripts/ci-snippet.sh" pre-commit-config | sed -n 's/^ *- id: *//p')
grep -qx -- "- id: $hook" "$root/.pre-commit-hooks.yaml" || fail "README.md configures hook $hook, which .pre-commit-hooks.yaml does not define"

# pre-commit gives golang hooks their own GOPATH; share the module and
# build caches so the hook builds from what is already downloaded, and
# keep the toolchain that is installed.
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
export GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--buildvcs=false}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

# try-repo on this checkout as it is on disk: pre-commit's own shadow copy
# carries changes to tracked files only, so copy every file git would see
# (tracked, and untracked but not ignored) into a throwaway repository.
hookrepo="$work/hookrepo"
mkdir -p "$hookrepo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$root" && xargs -0 tar -cf - --ignore-failed-read 2>/dev/null) | tar -xf - -C "$hookrepo"
(cd "$hookrepo" && git init -q && git add -A && git -c user.email=ci@example.test -c user.name=ci -c commit.gpgsign=false commit -qm snapshot)

repo="$work/repo"
mkdir -p "$repo/api"
cd "$repo"
git init -q
git config user.email ci@example.test
git config user.name ci
git config commit.gpgsign false

cat >api/policy.json <<'JSON'
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
  "Condition": {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}]}
JSON
echo '{"name": "web", "version": "1.0.0"}' >package.json
# Not staged: must not be linted.
echo '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}]}' >unstaged.json
git add api/policy.json package.json

echo "==> a staged policy with a finding fails"
set +e
pre-commit try-repo "$hookrepo" "$hook" >"$work/out" 2>&1
code=$?
set -e
cat "$work/out"
[ "$code" -ne 0 ] || fail "the hook passed a policy with an Allow-only IP restriction"
grep -q 'api/policy.json:1:16: error AG101' "$work/out" || fail "the finding is not printed"
if grep -q -e 'unstaged.json' -e 'package.json' "$work/out"; then
  fail "a file that is not staged, or not a policy, was reported"
fi

echo "==> fixed, it passes"
cat >api/policy.json <<'JSON'
{"Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
   "Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}]}
JSON
git add api/policy.json
pre-commit try-repo "$hookrepo" "$hook" >"$work/out" 2>&1 || { cat "$work/out"; fail "the hook failed a correct policy"; }
cat "$work/out"

echo "pre-commit-test: 2 passed, 0 failed"
