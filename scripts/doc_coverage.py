#!/usr/bin/env python3
"""Lists public declarations under Sources/ that have no `///` comment.

Members that implement a documented protocol requirement (PyTree's
flattenTree/unflattenTree, Layer's initVariables/apply, CustomStringConvertible's
description, Hashable's ==/hash, overrides) inherit the requirement's docs
in DocC and are not listed; neither are the function-value overloads of
Numpy+FunctionValues.swift, which mirror documented functions.

With --examples it lists instead the documented functions, initialisers,
subscripts and types whose comment has no example: no fenced or indented
code block and no inline call such as `jnp.sum(x)`. The checked examples
come from scripts/gen_doc_examples.py.

Usage: scripts/doc_coverage.py [-v] [--check] [--examples] [folder]
  -v          lists every symbol
  --check     exits with status 1 when any declaration is undocumented
              (scripts/docs.sh, and so CI, runs it this way)
  --examples  reports documented declarations without an example
"""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'docs'))
from doc_source import attributes_start  # noqa: E402  (the one reading of attributes above a declaration)

DECL = re.compile(
    r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(public|open)\s+(?!extension|import)'
    r'(?:(?:static|final|override|mutating|nonmutating|indirect|convenience|required|nonisolated|@\w+)\s+)*'
    r'(func|var|let|init|subscript|struct|class|enum|protocol|typealias|case|actor|macro)\b\s*([^\s(:<]*)')
INHERITED = {
    'flattenTree', 'unflattenTree', 'description', 'hash', '==', 'initVariables', 'apply', 'initialize',
    'initialCarry', 'step', 'naturalDType', 'jaxScalar', 'transformationName', 'lift', 'process',
    'tensorIndex', 'axesList', 'underestimatedCount', 'next', 'expansion', 'primitiveName',
}


def declarations(root):
    """Every public declaration under `root`: (path, line index, the file's
    lines, the DECL match), skipping the function-value overloads of
    Numpy+FunctionValues.swift, which mirror documented functions."""
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith('.swift') or name == 'Numpy+FunctionValues.swift':
                continue
            path = os.path.join(folder, name)
            lines = open(path, encoding='utf-8').read().split('\n')
            for i, line in enumerate(lines):
                m = DECL.match(line)
                if m:
                    yield path, i, lines, m


def undocumented(root):
    found = []
    for path, i, lines, m in declarations(root):
        line = lines[i]
        if m.group(3) in INHERITED or 'override' in line:
            continue
        # The line above the attributes (which may span several lines, as
        # the macro's `@attached(...)` does).
        j = attributes_start(lines, i) - 1
        if j >= 0 and (lines[j].strip().startswith('///') or lines[j].strip().endswith('*/')):
            continue
        found.append((path, i + 1, line.strip()))
    return found


EXAMPLE_KINDS = ('func', 'init', 'subscript', 'struct', 'class', 'enum', 'protocol', 'macro')
INLINE_CALL = re.compile(r'`[^`]*\([^`]*\)[^`]*`')


def without_example(root):
    """Documented declarations of EXAMPLE_KINDS whose `///` block shows no
    code: no fenced or indented block and no inline call."""
    found = []
    for path, i, lines, m in declarations(root):
        line = lines[i]
        if m.group(2) not in EXAMPLE_KINDS or m.group(3) in INHERITED or 'override' in line:
            continue
        # The `///` block above the attributes.
        start = attributes_start(lines, i)
        while start > 0 and lines[start - 1].strip().startswith('///'):
            start -= 1
        block = lines[start:i]
        text = '\n'.join(block)
        if '```' in text or re.search(r'///\s{4,}\S', text) or INLINE_CALL.search(text):
            continue
        found.append((path, i + 1, line.strip()))
    return found


def main():
    verbose = '-v' in sys.argv or '--check' in sys.argv
    args = [a for a in sys.argv[1:] if a not in ('-v', '--check', '--examples')]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), '..', 'Sources')
    if '--examples' in sys.argv:
        found = without_example(root)
        what = "documented declarations without an example"
    else:
        found = undocumented(root)
        what = "public declarations without /// docs"
    per_file = collections.Counter(os.path.relpath(p, root) for p, _, _ in found)
    print(f"{len(found)} {what}")
    for path, count in per_file.most_common():
        print(f"{count:4d}  {path}")
    if verbose:
        for path, line, text in found:
            print(f"{os.path.relpath(path, root)}:{line}: {text[:100]}")
    if '--check' in sys.argv and found:
        sys.exit(1)


if __name__ == '__main__':
    main()
