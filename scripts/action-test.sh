#!/usr/bin/env bash
# Tests the shell side of action.yml and the CI snippets of README.md on a
# sample tree: the lint step writes SARIF and annotations and reports the
# exit code as a step output; the GitLab and baseline snippets run as shown.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
snippet() { "$root/scripts/ci-snippet.sh" "$1"; }
fail() { echo "action-test: FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/tree/api"
(cd "$root" && go build -o "$work/bin/apigwlint" ./cmd/apigwlint)
export PATH="$work/bin:$PATH"

# The docs show the command the action runs, and the action runs that script.
run_line=$(snippet action-run)
grep -qxF "$run_line" "$root/scripts/action-run.sh" || fail "scripts/action-run.sh does not run the command README.md shows: $run_line"
grep -q 'scripts/action-run.sh' "$root/action.yml" || fail "action.yml does not run scripts/action-run.sh"

cd "$work/tree"
cat >api/policy.json <<'JSON'
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
  "Condition": {"IpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}]}
JSON

echo "==> the lint step on a tree with a finding"
out="$work/github_output"
: >"$out"
GITHUB_OUTPUT="$out" PATHS=. ARGS="" SARIF_FILE=apigwlint.sarif "$root/scripts/action-run.sh" >"$work/stdout" ||
  fail "the lint step failed on findings; it must leave that to the last step"
grep -q '^::error file=api/policy.json,line=1,' "$work/stdout" || fail "no annotation: $(cat "$work/stdout")"
grep -qx 'exit-code=1' "$out" || fail "step output: $(cat "$out")"
grep -q '"ruleId": "AG101"' apigwlint.sarif || fail "SARIF has no AG101 result"
grep -q '"uriBaseId": "%SRCROOT%"' apigwlint.sarif || fail "SARIF paths are not relative to %SRCROOT%"

echo "==> a usage error fails the step itself"
: >"$out"
if GITHUB_OUTPUT="$out" ARGS="--no-such-flag" "$root/scripts/action-run.sh" >/dev/null 2>&1; then
  fail "a bad flag did not fail the lint step"
fi
grep -qx 'exit-code=2' "$out" || fail "step output for a bad flag: $(cat "$out")"

echo "==> the GitLab job's command"
gitlab_cmd=$(snippet gitlab-ci | sed -n 's/^    - \(apigwlint lint .*\)$/\1/p')
[ -n "$gitlab_cmd" ] || fail "no apigwlint command in the gitlab-ci snippet"
set +e
eval "$gitlab_cmd" >/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "gitlab command exited $code, want 1"
grep -q '"check_name": "AG101"' gl-code-quality-report.json || fail "no Code Quality issue"
grep -q '<testsuites name="apigwlint" tests="1" failures="1"' apigwlint-junit.xml || fail "no JUnit failure"

echo "==> the baseline snippet"
rm -f gl-code-quality-report.json apigwlint-junit.xml apigwlint.sarif
while IFS= read -r line; do
  eval "$line" >/dev/null 2>&1 || fail "baseline snippet line failed: $line"
done < <(snippet baseline)

echo "==> a clean tree"
cat >api/policy.json <<'JSON'
{"Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
   "Condition": {"NotIpAddress": {"aws:SourceIp": ["81.2.69.160/27"]}}}]}
JSON
: >"$out"
GITHUB_OUTPUT="$out" "$root/scripts/action-run.sh" >/dev/null || fail "the lint step failed on a clean tree"
grep -qx 'exit-code=0' "$out" || fail "step output on a clean tree: $(cat "$out")"

echo "action-test: 5 passed, 0 failed"
