#!/bin/sh
# Runs pgferry schema-sync over the vendored schema-diff case suites (see README.md).
# run.sh [--suite NAME] [--case GLOB] [--jobs N] [--server URL] [--ignore-column-order] [--timeout S] [--out FILE]
set -e
here=$(cd "$(dirname "$0")" && pwd)
# Build the jar once up front (the launcher rebuilds it when sources changed), not inside a parallel case.
"$here/../../pgferry" --version >/dev/null
exec python3 "$here/run.py" "$@"
