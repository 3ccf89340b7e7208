#!/usr/bin/env python3
"""Lists Swift functions (func, init, subscript, computed properties with
bodies) longer than a limit, longest first: the "no god functions" check.

    python3 scripts/long_functions.py [--limit 80] [paths...]

A body's length counts its lines from the declaration to the closing
brace. Braces inside strings and comments are ignored (roughly: string
literals on one line, // comments and /* */ blocks)."""
import argparse, os, re, sys

DECL = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|package|static|class|final|override|mutating|nonmutating|nonisolated|@inlinable|@usableFromInline|convenience|required)\s+)*(func\s+[^\s(<]+|init[?!]?\s*[(<]|subscript\s*[(<])')

def strip(line, in_block):
    out, i = [], 0
    while i < len(line):
        if in_block:
            j = line.find('*/', i)
            if j < 0: return ''.join(out), True
            i, in_block = j + 2, False
        elif line.startswith('//', i):
            break
        elif line.startswith('/*', i):
            in_block, i = True, i + 2
        elif line[i] == '"':
            j = i + 1
            while j < len(line) and line[j] != '"':
                j += 2 if line[j] == '\\' else 1
            i = j + 1
        else:
            out.append(line[i]); i += 1
    return ''.join(out), in_block

def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    code, in_block = [], False
    for l in lines:
        c, in_block = strip(l, in_block)
        code.append(c)
    in_multiline = False
    for n, l in enumerate(lines):
        if l.count('"""') % 2: in_multiline = not in_multiline
        m = DECL.match(l)
        if not m or in_multiline: continue
        depth, started = 0, False
        for k in range(n, len(lines)):
            for ch in code[k]:
                if ch == '{': depth += 1; started = True
                elif ch == '}': depth -= 1
            if started and depth <= 0:
                yield m.group(1).replace('func ', '').strip(' (<'), n + 1, k - n + 1
                break
            if not started and k > n and code[k].strip() == '' : pass

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--limit', type=int, default=80)
    ap.add_argument('paths', nargs='*', default=['Sources'])
    a = ap.parse_args()
    found = []
    for root in a.paths:
        for d, _, files in os.walk(root):
            for f in files:
                if f.endswith('.swift'):
                    p = os.path.join(d, f)
                    found += [(length, name, p, line) for name, line, length in functions(p) if length > a.limit]
    for length, name, p, line in sorted(found, reverse=True):
        print(f'{length:5d}  {name}  {p}:{line}')
    return 1 if found else 0

if __name__ == '__main__':
    sys.exit(main())
