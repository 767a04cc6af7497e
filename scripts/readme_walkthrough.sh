#!/usr/bin/env bash
# Runs the README's tour, so the README cannot rot: every command line of the block between
# `<!-- walkthrough: begin -->` and `<!-- walkthrough: end -->`, in order, with the release build
# of `tintuc` first on PATH, in a scratch folder where `samples` points at the repository's.
#
# A line passes when it exits with the code its trailing `# exit N` comment names (0 without one)
# and every `-o PATH` it names exists afterwards and is not empty. Usage:
#   scripts/readme_walkthrough.sh [path/to/tintuc]     (default: builds target/release/tintuc)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ $# -ge 1 ]; then
  bin_dir="$(cd "$(dirname "$1")" && pwd)"
else
  (cd "$root" && cargo build --release --quiet)
  bin_dir="$root/target/release"
fi
export PATH="$bin_dir:$PATH"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$root/samples" "$work/samples"
cd "$work"

lines="$(awk '/<!-- walkthrough: begin -->/{on=1; next} /<!-- walkthrough: end -->/{on=0} on' "$root/README.md" \
  | grep -v '^```' | grep -v '^[[:space:]]*#' | grep -v '^[[:space:]]*$' || true)"
if [ -z "$lines" ]; then
  echo "no walk-through block found in README.md" >&2
  exit 1
fi

failed=0
count=0
while IFS= read -r line; do
  count=$((count + 1))
  expected=0
  if [[ "$line" =~ \#[[:space:]]*exit[[:space:]]+([0-9]+)[[:space:]]*$ ]]; then
    expected="${BASH_REMATCH[1]}"
  fi
  command="${line%%#*}"
  set +e
  bash -o pipefail -c "$command" > "$work/.stdout" 2> "$work/.stderr" < /dev/null
  code=$?
  set -e
  problem=""
  if [ "$code" != "$expected" ]; then
    problem="exit code $code, expected $expected"
  else
    for output in $(grep -o -- '-o [^ ;|]*' <<< "$command" | cut -c4-); do
      if [ ! -s "$output" ] && [ -z "$(ls -A "$output" 2>/dev/null)" ]; then
        problem="no output at $output"
      fi
    done
  fi
  if [ -n "$problem" ]; then
    failed=$((failed + 1))
    echo "FAIL  $command  ($problem)"
    sed 's/^/      stderr: /' "$work/.stderr" | head -20
  else
    echo "ok    $command"
  fi
done <<< "$lines"

echo "$count commands, $failed failed"
[ "$failed" = 0 ]
