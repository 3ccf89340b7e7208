#!/usr/bin/env python3
"""Writes the checked examples of the `///` documentation.

For every entry of scripts/docs/doc_examples_table.py this script
  1. evaluates the Python twin with real JAX and takes `str()` of the result,
  2. writes the Swift example with that output into the declaration's `///`
     comment (replacing an earlier example block, so re-running is safe),
  3. writes DocExampleTests.swift into the module's test target (TARGETS:
     SwiftJAXUserTests, SwiftJAXOptimTests, SwiftJAXNNTests,
     SwiftJAXTestingTests, DemoTests), which runs each Swift example and
     expects exactly JAX's printout.
An example without a JAX twin either checks a printout written in the
table (doc_source.Printed) or, for a Python side of None, only runs.
How an entry names its declaration: scripts/docs/doc_source.py.
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
from doc_source import MARK, Printed, TopLevel, insert_block  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402
from jax import lax  # noqa: E402

# The module an example documents -> (the test target that runs it, the
# imports of its generated test file: module names, or verbatim lines).
# Several modules may share a target (one file, one suite per module).
XML = '#if canImport(FoundationXML)\nimport FoundationXML\n#endif'
TARGETS = {
    'SwiftJAX': ('SwiftJAXUserTests', ['SwiftJAX']),
    # The @PyTree macro's examples run where a user's module expands it.
    'SwiftJAXMacros': ('SwiftJAXUserTests', ['SwiftJAX']),
    # Checkpoints are files: URL and FileManager come from Foundation.
    'SwiftJAXOptim': ('SwiftJAXOptimTests', ['Foundation', 'SwiftJAX', 'SwiftJAXOptim']),
    'SwiftJAXNN': ('SwiftJAXNNTests', ['SwiftJAX', 'SwiftJAXNN']),
    'SwiftJAXTesting': ('SwiftJAXTestingTests', ['SwiftJAX', 'SwiftJAXTesting']),
    # The demos' library and plotting (no JAX twin for a picture: their
    # examples check a printout written by hand, see doc_source.Printed).
    'Examples': ('DemoTests', ['Examples', 'SwiftJAX']),
    'SwiftJAXPlot': ('DemoTests', ['Foundation', 'SwiftJAXPlot', XML]),
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


def insert(path, decl, block):
    lines = open(path, encoding='utf-8').read().split('\n')
    lines = insert_block(lines, decl, block, path)
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
    # An example that calls a throwing API (checkpoint files, writing a
    # chart) shows `try`; its test throws, so an error fails it.
    throws = ' throws' if re.search(r'\btry\b', code) else ''
    return f'  @Test("{title}") func example{index}(){throws} {{\n' + (body + '\n' if body else '') + check + '  }\n'


def split_flags(flags):
    """('approx' or not, the example's file-scope declarations or None)."""
    top = [f for f in flags if isinstance(f, TopLevel)]
    return 'approx' in flags, (top[0].code if top else None)


def test_file(target, modules, tests, toplevel):
    """The DocExampleTests.swift of `target`: the imports of every module
    it tests, the examples' file-scope declarations, one suite per module."""
    imports = []
    for module in modules:
        imports += [i for i in TARGETS[module][1] if i not in imports]
    text = ('// Generated by scripts/gen_doc_examples.py from scripts/docs/doc_examples_table.py;\n'
            '// do not edit. Each test runs one example of the `///` documentation and\n'
            '// expects the printout real JAX 0.10.2 gives for its Python twin (or, for\n'
            '// an example with no JAX twin, the printout the table gives).\n'
            + ''.join((i if i.startswith('#') else f'import {i}') + '\n' for i in imports) + 'import Testing\n')
    for code in toplevel:
        text += '\n' + code + '\n'
    for module in modules:
        text += f'\n@Suite struct {module}DocExampleTests {{\n' + '\n'.join(tests[module]) + '}\n'
    return text


def main():
    jax.config.update('jax_platforms', 'cpu')
    tests = {module: [] for module in TARGETS}
    toplevel = {target: [] for target, _ in TARGETS.values()}
    for n, (file, decl, swift, py, *flags) in enumerate(EXAMPLES):
        approx, top = split_flags(flags)
        if py is None or isinstance(py, Printed):
            result = py
        else:
            result = jax_result(py)
        shown = swift if top is None else top + '\n' + swift
        insert(os.path.join(ROOT, 'Sources', file), decl, doc_lines(shown, None if result is None else str(result), approx))
        module = file.split('/')[0]
        tests[module].append(swift_test(n, swift, result, approx))
        if top is not None:
            toplevel[TARGETS[module][0]].append(top)
    for target in toplevel:
        modules = [m for m, (t, _) in TARGETS.items() if t == target]
        dest = os.path.join(ROOT, 'Tests', target, 'DocExampleTests.swift')
        open(dest, 'w', encoding='utf-8').write(test_file(target, modules, tests, toplevel[target]))
        for module in modules:
            print(f'{len(tests[module])} examples of {module}; tests in {os.path.relpath(dest, ROOT)}')


if __name__ == '__main__':
    main()
