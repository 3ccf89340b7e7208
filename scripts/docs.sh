#!/usr/bin/env bash
# Builds the DocC documentation of the three library products (SwiftJAX,
# SwiftJAXNN, SwiftJAXOptim) with swift-docc-plugin, treating every DocC
# warning (an unresolved ``symbol`` link, a missing <doc:article>, a
# documented parameter that does not exist...) as an error. CI runs it.
#
#   bash scripts/docs.sh            # archives in .build/plugins/Swift-DocC/outputs/
#   bash scripts/docs.sh --preview  # not here: use `swift package --disable-sandbox preview-documentation --target SwiftJAX`
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
swift package generate-documentation \
  --target SwiftJAX --target SwiftJAXNN --target SwiftJAXOptim \
  --warnings-as-errors "$@"
echo "docs: built in $((SECONDS - start)) s; archives in .build/plugins/Swift-DocC/outputs/"
