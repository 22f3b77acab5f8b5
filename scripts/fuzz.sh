#!/usr/bin/env bash
# scripts/fuzz.sh runs every fuzz target of the module for a short time
# (FUZZTIME, default 5s each), one target per go test, as CI does. Inputs
# that fail are written to the package's testdata/fuzz/FuzzName/ by go
# test: commit them, and plain "go test" replays them as regression cases
# from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5s}

# Every "func FuzzX(" in a test file, as "package-dir FuzzX".
targets=$(grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+\(' . |
	sed -E 's#^\./(.*)/[^/]+_test\.go:func (Fuzz[A-Za-z0-9_]+)\($#\1 \2#' | sort -u)
if [ -z "$targets" ]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi

while read -r dir name; do
	echo "fuzz: $name in ./$dir for $fuzztime"
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "./$dir"
done <<<"$targets"
