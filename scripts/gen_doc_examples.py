#!/usr/bin/env python3
"""Writes the checked examples of the `///` documentation.

For every entry of scripts/docs/doc_examples_table.py this script
  1. evaluates the Python twin with real JAX and takes `str()` of the result,
  2. writes the Swift example with that output into the declaration's `///`
     comment (replacing an earlier example block, so re-running is safe),
  3. writes DocExampleTests.swift into the module's test target
     (SwiftJAXUserTests, SwiftJAXOptimTests), which runs each Swift example
     and expects exactly JAX's printout.
So a documented example can't drift from either JAX or SwiftJAX.

Usage (needs the pinned venv, scripts/python-env.sh):
  $SWIFTJAX_VENV/bin/python scripts/gen_doc_examples.py
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, os.path.join(ROOT, 'scripts', 'docs'))
from doc_examples_table import EXAMPLES  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
from jax import lax  # noqa: E402

MARK = '```swift'
# The module an example documents -> (the test target that runs it, its imports).
TARGETS = {
    'SwiftJAX': ('SwiftJAXUserTests', ['SwiftJAX']),
    'SwiftJAXOptim': ('SwiftJAXOptimTests', ['SwiftJAX', 'SwiftJAXOptim']),
    'SwiftJAXNN': ('SwiftJAXNNTests', ['SwiftJAX', 'SwiftJAXNN']),
}


def jax_result(py):
    scope = {'jnp': jnp, 'lax': lax, 'jax': jax, 'np': np, 'optax': optax}
    *statements, expression = py.split('\n')
    exec('\n'.join(statements), scope)
    return eval(expression, scope)


def doc_lines(code, output, approx):
    """The example block, `///`-prefixed, with the printout as comments
    (marked `≈` where SwiftJAX agrees with JAX to float rounding only; none
    for a usage example without a Python twin)."""
    lines = code.split('\n')
    if output is None:
        return ['///', f'/// {MARK}'] + [f'/// {b}' for b in lines] + ['/// ```']
    out = output.split('\n')
    if approx:
        out[0] = '≈ ' + out[0]
    if len(out) == 1 and len(lines[-1]) + len(out[0]) < 90:
        body = lines[:-1] + [f'{lines[-1]}  // {out[0]}']
    else:
        body = lines[:-1] + [f'print({lines[-1]})'] + [f'// {o}' for o in out]
    return ['///', f'/// {MARK}'] + [f'/// {b}' for b in body] + ['/// ```']


def signature(lines, i):
    """Declaration `i` on one line (a signature may span several)."""
    text = ' '.join(l.strip() for l in lines[i:i + 4])
    return re.sub(r'\(\s+', '(', text)


def insert(path, decl, block):
    lines = open(path, encoding='utf-8').read().split('\n')
    hits = [i for i in range(len(lines)) if signature(lines, i).startswith(decl)]
    if len(hits) != 1:
        sys.exit(f'{path}: {len(hits)} declarations start with {decl!r}')
    i = hits[0]
    end = i
    while end > 0 and lines[end - 1].strip().startswith('@'):
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip().startswith('///'):
        start -= 1
    if start == end:
        sys.exit(f'{path}:{i + 1}: {decl!r} has no /// comment to extend')
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
    lines[start:end] = doc
    open(path, 'w', encoding='utf-8').write('\n'.join(lines))


def swift_test(index, code, result, approx):
    lines = code.split('\n')
    body = '\n'.join(f'    {l}' for l in lines[:-1])
    title = lines[-1].replace('\\', '\\\\').replace('"', '\\"')
    if result is None:
        # A usage example: it must compile and run without a JAXError.
        check = f'    _ = {lines[-1]}\n'
    elif approx:
        # The values to float32 rounding (rtol 1e-5): XLA's polynomial
        # approximations differ from SwiftJAX's in the last bits.
        a = np.asarray(result)
        values = ', '.join(repr(float(v)) for v in a.ravel())
        check = (f'    let result = {lines[-1]}\n'
                 f'    let expected = jnp.array([{values}] as [Double], shape: {list(a.shape)}, dtype: result.dtype)\n'
                 f'    #expect(jnp.allclose(result, expected, rtol: 1e-5).item(Bool.self))\n')
    else:
        expected = str(result).replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
        check = f'    #expect("\\({lines[-1]})" == "{expected}")\n'
    return f'  @Test("{title}") func example{index}() {{\n' + (body + '\n' if body else '') + check + '  }\n'


def main():
    jax.config.update('jax_platforms', 'cpu')
    tests = {module: [] for module in TARGETS}
    for n, (file, decl, swift, py, *flags) in enumerate(EXAMPLES):
        result = None if py is None else jax_result(py)
        approx = 'approx' in flags
        insert(os.path.join(ROOT, 'Sources', file), decl, doc_lines(swift, None if py is None else str(result), approx))
        tests[file.split('/')[0]].append(swift_test(n, swift, result, approx))
    for module, (target, imports) in TARGETS.items():
        header = ('// Generated by scripts/gen_doc_examples.py from scripts/docs/doc_examples_table.py;\n'
                  '// do not edit. Each test runs one example of the `///` documentation and\n'
                  '// expects the printout real JAX 0.10.2 gives for its Python twin.\n'
                  + ''.join(f'import {i}\n' for i in imports) + 'import Testing\n\n'
                  + f'@Suite struct {module}DocExampleTests {{\n')
        dest = os.path.join(ROOT, 'Tests', target, 'DocExampleTests.swift')
        open(dest, 'w', encoding='utf-8').write(header + '\n'.join(tests[module]) + '}\n')
        print(f'{len(tests[module])} examples of {module}; tests in {os.path.relpath(dest, ROOT)}')


if __name__ == '__main__':
    main()
