#!/usr/bin/env bash
# Fuzz/keep-corpus.sh HARNESS [KB] [FILES]: keeps what fuzzing found. Merges the seed folder and
# the scratch corpus into a minimal set with libFuzzer's -merge=1, then copies the inputs it
# added into the seed folder as kept-SHA1: at most FILES of them (default 150), spread evenly
# over their sizes, and KB kilobytes (default 60), so that the corpora stay small.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
harness=${1:?usage: keep-corpus.sh HARNESS [KB]}
budget=$(( ${2:-60} * 1024 ))
files=${3:-150}
seeds=$("$here/run-fuzz.sh" seeds "$harness")
merged=$(mktemp -d)
trap 'rm -rf "$merged"' EXIT
"$here/run-fuzz.sh" "$harness" 0 -merge=1 "$merged" > "$merged.log" 2>&1 \
  || { tail -n 20 "$merged.log" >&2; exit 1; }
rm -f "$merged.log"
declare -A known=()
for file in "$seeds"/*; do known[$(sha1sum < "$file" | cut -c1-40)]=1; done
mapfile -t added < <(find "$merged" -type f -printf '%s %p\n' | sort -n | while read -r size file; do
  [ -n "${known[$(basename "$file")]:-}" ] || echo "$size $file"
done)
step=$(( (${#added[@]} + files - 1) / files ))
(( step > 0 )) || step=1
kept=0
count=0
for (( i = 0; i < ${#added[@]}; i += step )); do
  read -r size file <<< "${added[i]}"
  (( kept + size > budget )) && break
  cp "$file" "$seeds/kept-$(basename "$file")"
  kept=$(( kept + size ))
  count=$(( count + 1 ))
done
echo "keep-corpus: $harness: $count new inputs ($kept bytes) in $seeds"
