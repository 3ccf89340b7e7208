#!/usr/bin/env bash
# Builds the DocC documentation of the four library products (SwiftJAX,
# SwiftJAXNN, SwiftJAXOptim, SwiftJAXTesting) with swift-docc-plugin, treating every DocC
# warning (an unresolved ``symbol`` link, a missing <doc:article>, a
# documented parameter that does not exist...) as an error; then compiles
# and runs every Swift code sample of the articles and of README.md against
# the debug build (scripts/check_doc_snippets.py), so the samples are real
# API. CI runs it. The archives land in .build/plugins/Swift-DocC/outputs/;
# to browse them: swift package --disable-sandbox preview-documentation --target SwiftJAX
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
# Every public declaration has a /// comment (protocol requirements' implementations inherit theirs).
python3 scripts/doc_coverage.py --check
# The example generator's source parsing (no JAX needed).
python3 scripts/docs/test_doc_source.py
swift package generate-documentation \
  --target SwiftJAX --target SwiftJAXNN --target SwiftJAXOptim --target SwiftJAXTesting \
  --warnings-as-errors "$@"
echo "docs: DocC archives built in $((SECONDS - start)) s"
# The samples link against the libraries' debug objects.
swift build --target SwiftJAXNN
swift build --target SwiftJAXOptim
swift build --target SwiftJAXTesting
python3 scripts/check_doc_snippets.py
echo "docs: done in $((SECONDS - start)) s"
