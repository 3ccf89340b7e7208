#!/usr/bin/env bash
# The consumer test: what a new user does. Clones this repository's
# committed HEAD, tags the clone, creates a fresh package that depends on
# it by version (`.package(url: "file://...", from: ...)`), builds it, runs
# Tests/Consumer/main.swift (seed snippets and composed transformations,
# written as a user writes them) and compares its output with
# Tests/Consumer/expected.txt, printed by real JAX (scripts/consumer/app.py).
# A green `swift test` inside the repository cannot catch a package that a
# consumer cannot resolve, or an API form that only type-checks with
# @testable; this does.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/swiftjax-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version="0.1.0"

git clone --quiet "$root" "$work/SwiftJAX"
# -f: the clone may already carry the tag (on an older commit); the test is
# of HEAD, so the tag moves there.
git -C "$work/SwiftJAX" tag -f "$version" > /dev/null

mkdir -p "$work/app/Sources/app"
cp "$root/Tests/Consumer/main.swift" "$work/app/Sources/app/main.swift"
cat > "$work/app/Package.swift" <<MANIFEST
// swift-tools-version:6.2
import PackageDescription

let package = Package(
  name: "app",
  dependencies: [
    .package(url: "file://$work/SwiftJAX", from: "$version"),
  ],
  targets: [
    .executableTarget(name: "app", dependencies: [.product(name: "SwiftJAX", package: "SwiftJAX")]),
  ]
)
MANIFEST

cd "$work/app"
swift build -c "${CONSUMER_CONFIGURATION:-debug}" 2>&1 | tail -n 20
# The consumer's jit cache goes to a private directory, not the user's.
SWIFTJAX_CACHE_DIR="$work/cache" swift run -c "${CONSUMER_CONFIGURATION:-debug}" --skip-build app > "$work/out.txt"
if diff -u "$root/Tests/Consumer/expected.txt" "$work/out.txt"; then
  echo "consumer test: OK ($(wc -l < "$work/out.txt") lines match JAX's output)"
else
  echo "consumer test: FAILED (diff above: - JAX, + SwiftJAX)" >&2
  exit 1
fi
