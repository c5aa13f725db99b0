#!/usr/bin/env bash
# Fuzzes Arbiter's parsers with Jazzer, one fuzzer after another.
#
#   scripts/fuzz.sh MINUTES [FuzzTestClass...]
#
# MINUTES is the time each fuzzer gets. Without class names it runs every class that has a
# @FuzzTest method (each such class has exactly one). Each run is
#   JAZZER_FUZZ=1 mvn -pl MODULE -am test -Dtest=CLASS -Djazzer.max_duration=MINUTESm
# and its whole output goes to $FUZZ_LOG_DIR/CLASS.log (default target/fuzz-logs). At the end it
# prints, per fuzzer, the executions and run time Jazzer reports and its findings.
#
# Every input must be decided within one second: the run sets JUnit's test-template timeout to 1 s,
# which Jazzer passes to libFuzzer as -timeout=1, and turns JUnit's own timeout enforcement off
# (JUnit would otherwise apply it to the whole fuzzing run). In `mvn verify` the regression inputs
# get the generous hang guard of src/test/resources/junit-platform.properties instead.
#
# A finding (an exception the test does not allow, a failed assertion, an input that takes more
# than a second) is written by Jazzer into the test's inputs directory,
# MODULE/src/test/resources/<package>/<Class>Inputs/<method>/, so once committed it is a
# regression input that every `mvn verify` runs. Fix the bug, keep the input, fuzz again.
#
# Environment: FUZZ_LOG_DIR (where logs go), MVN_FLAGS (extra Maven flags, e.g. -o).
set -u

usage() {
  echo "usage: scripts/fuzz.sh MINUTES [FuzzTestClass...]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
minutes=$1
shift
case $minutes in '' | *[!0-9]*) usage ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
logs=${FUZZ_LOG_DIR:-$root/target/fuzz-logs}
mkdir -p "$logs"

# Every test class with a @FuzzTest method, as path of its source file.
all_sources=$(grep -rl --include='*.java' '@FuzzTest' -- */src/test/java | sort)
if [ $# -eq 0 ]; then
  set -- $(for f in $all_sources; do basename "$f" .java; done)
fi

summary=()
failed=0
for class in "$@"; do
  source=$(printf '%s\n' $all_sources | grep "/$class\.java$" | head -1)
  if [ -z "$source" ]; then
    echo "fuzz.sh: no fuzz test class $class" >&2
    failed=1
    continue
  fi
  module=${source%%/*}
  package_dir=$(dirname "${source#*/src/test/java/}")
  inputs="$module/src/test/resources/$package_dir/${class}Inputs"
  log="$logs/$class.log"
  before=$(find "$inputs" -type f 2>/dev/null | sort)
  echo "$(date -u +%H:%M:%S) fuzzing $class ($module) for $minutes min; log: $log"
  start=$(date +%s)
  # shellcheck disable=SC2086
  JAZZER_FUZZ=1 mvn -B -ntp ${MVN_FLAGS:-} -pl "$module" -am test \
    -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="${minutes}m" \
    -Djunit.jupiter.execution.timeout.testtemplate.method.default=1s \
    -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1
  status=$?
  elapsed=$(($(date +%s) - start))
  after=$(find "$inputs" -type f 2>/dev/null | sort)
  new_inputs=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep -v '^$')
  # libFuzzer ends a clean run with "Done N runs in S second(s)"; after a finding the last
  # status line "#N ..." is the count so far.
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  if [ -n "$done_line" ]; then
    runs=$(echo "$done_line" | awk '{print $2}')
    seconds=$(echo "$done_line" | awk '{print $5}')
  else
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    seconds="?"
  fi
  # Each finding is one new crash-*/timeout-* file in the inputs directory.
  findings=$(printf '%s\n' "$new_inputs" | grep -c .)
  if [ "$findings" -gt 0 ]; then
    failed=1
    verdict="FINDING"
  elif [ "$status" -ne 0 ]; then
    failed=1
    verdict="FAILED (mvn exit $status; see the log)"
  else
    verdict="clean"
  fi
  summary+=("$(printf '%-28s %-13s executions=%-10s fuzzed=%ss wall=%ss findings=%s %s' \
    "$class" "$module" "${runs:-?}" "$seconds" "$elapsed" "$findings" "$verdict")")
  if [ -n "$new_inputs" ]; then
    summary+=("    new inputs (commit them as regression tests once fixed):")
    while IFS= read -r f; do summary+=("      $f"); done <<<"$new_inputs"
  fi
done

echo
echo "== fuzz summary ($minutes min per fuzzer) =="
printf '%s\n' "${summary[@]}"
exit $failed
