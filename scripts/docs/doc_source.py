"""Finding a declaration in a Swift source file and writing an example
block into its `///` comment (used by scripts/gen_doc_examples.py; no JAX
needed, so scripts/docs/test_doc_source.py runs with any python3).

A table entry addresses its declaration by the start of the declaration
line (a signature spread over several lines is joined first). Where that
start is not unique in the file -- the same overload in two types, such
as CustomJVP's and CustomVJP's `callAsFunction` -- the entry gives
`In('CustomVJP', 'public func callAsFunction(')`: the declaration of that
start whose nearest enclosing type (or extension) is named `CustomVJP`.
Zero or several matches stop the generator with the file and the count.
"""
import re
import sys

MARK = '```swift'


class In:
    """A declaration inside the type or extension `owner`."""

    def __init__(self, owner, start):
        self.owner, self.start = owner, start

    def __repr__(self):
        return f'In({self.owner!r}, {self.start!r})'


class Printed(str):
    """The expected printout of an example that has no JAX twin (a plot's
    PNG signature, a file round trip): checked character for character
    like a JAX printout, but written by hand instead of computed."""


class TopLevel:
    """Declarations an example needs at file scope (a `@PyTree` struct: an
    extension macro cannot attach to a local type). They open the doc
    example and go once to the top of the generated test file, so their
    names must be unique across a test target's examples."""

    def __init__(self, code):
        self.code = code


def signature(lines, i):
    """Declaration `i` on one line (a signature may span several)."""
    text = ' '.join(l.strip() for l in lines[i:i + 4])
    return re.sub(r'\(\s+', '(', text)


TYPE_DECL = re.compile(r'^(\s*)(?:[\w@()]+\s+)*?(?:class|struct|enum|actor|protocol|extension)\s+(\w+)')


def owner(lines, i):
    """The name of the type or extension whose body holds line `i`: the
    nearest line above that declares one with less indentation."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    for j in range(i - 1, -1, -1):
        m = TYPE_DECL.match(lines[j])
        if m and len(m.group(1)) < indent:
            return m.group(2)
    return None


def find(lines, decl):
    """Indices of the lines that declare `decl` (a start string or In)."""
    start = decl.start if isinstance(decl, In) else decl
    hits = [i for i in range(len(lines)) if signature(lines, i).startswith(start)]
    if isinstance(decl, In):
        hits = [i for i in hits if owner(lines, i) == decl.owner]
    return hits


def attributes_start(lines, i):
    """The first line of the attributes above declaration `i` (`i` itself
    when it has none), including attributes over several lines such as
    `@attached(extension, ...)`."""
    start, depth = i, 0
    while start > 0:
        text = lines[start - 1].strip()
        if text.startswith('///'):
            break
        depth += text.count(')') - text.count('(')
        if depth > 0 or text.startswith('@'):
            start -= 1
            continue
        break
    return start


def insert_block(lines, decl, block, where='<source>'):
    """`lines` with `block` as the example of the one declaration `decl`
    (an earlier example block written by the generator is replaced)."""
    hits = find(lines, decl)
    if len(hits) != 1:
        sys.exit(f'{where}: {len(hits)} declarations start with {decl!r}')
    i = hits[0]
    end = attributes_start(lines, i)
    start = end
    while start > 0 and lines[start - 1].strip().startswith('///'):
        start -= 1
    if start == end:
        sys.exit(f'{where}:{i + 1}: {decl!r} has no /// comment to extend')
    indent = lines[end - 1][:len(lines[end - 1]) - len(lines[end - 1].lstrip())]
    doc = lines[start:end]
    # Drop an earlier example block written by this script (the last fenced
    # block together with the blank `///` line before it).
    fences = [k for k, l in enumerate(doc) if l.strip() == f'/// {MARK}']
    if fences:
        k = fences[-1]
        if k > 0 and doc[k - 1].strip() == '///':
            k -= 1
        close = next(j for j in range(fences[-1] + 1, len(doc)) if doc[j].strip() == '/// ```')
        doc = doc[:k] + doc[close + 1:]
    doc += [indent + b for b in block]
    return lines[:start] + doc + lines[end:]
