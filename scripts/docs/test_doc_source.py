"""Tests of doc_source.py's declaration addressing:
python3 scripts/docs/test_doc_source.py (scripts/docs.sh runs it)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from doc_source import In, find, insert_block, owner  # noqa: E402

SOURCE = '''public final class CustomJVP<Args: PyTree, R: PyTree> {
  /// Calls the function.
  public func callAsFunction(_ a: Args) -> R { call(a) }
}

extension CustomJVP {
  /// Two arguments.
  public func callAsFunction<A: PyTree, B: PyTree>(
    _ a: A, _ b: B) -> R where Args == (A, B) { call((a, b)) }
}

public final class CustomVJP<Args: PyTree, R: PyTree> {
  /// Calls the function.
  ///
  /// ```swift
  /// old()
  /// ```
  @inlinable
  public func callAsFunction(_ a: Args) -> R { call(a) }
  public struct Nested {
    /// Calls the function.
    public func callAsFunction(_ a: Args) -> R { call(a) }
  }
}
'''.split('\n')


class AddressingTests(unittest.TestCase):
    def test_owner_is_the_nearest_enclosing_type_or_extension(self):
        self.assertEqual(owner(SOURCE, 2), 'CustomJVP')
        self.assertEqual(owner(SOURCE, 7), 'CustomJVP')
        self.assertEqual(owner(SOURCE, 18), 'CustomVJP')
        self.assertEqual(owner(SOURCE, 21), 'Nested')

    def test_a_plain_start_matches_every_overload(self):
        self.assertEqual(find(SOURCE, 'public func callAsFunction(_ a: Args)'), [2, 18, 21])

    def test_the_owner_picks_one(self):
        self.assertEqual(find(SOURCE, In('CustomJVP', 'public func callAsFunction(_ a: Args)')), [2])
        self.assertEqual(find(SOURCE, In('CustomVJP', 'public func callAsFunction(_ a: Args)')), [18])
        self.assertEqual(find(SOURCE, In('Nested', 'public func callAsFunction(')), [21])

    def test_a_signature_over_several_lines_is_joined(self):
        self.assertEqual(find(SOURCE, In('CustomJVP', 'public func callAsFunction<A: PyTree, B: PyTree>(_ a: A, _ b: B)')), [7])

    def test_an_ambiguous_or_missing_declaration_stops_the_generator(self):
        with self.assertRaises(SystemExit) as e:
            insert_block(SOURCE, 'public func callAsFunction(_ a: Args)', ['/// x'], 'F.swift')
        self.assertIn('F.swift: 3 declarations start with', str(e.exception))
        with self.assertRaises(SystemExit):
            insert_block(SOURCE, In('Other', 'public func callAsFunction('), ['/// x'])

    def test_the_block_replaces_an_earlier_example_above_attributes(self):
        out = insert_block(SOURCE, In('CustomVJP', 'public func callAsFunction(_ a: Args)'),
                           ['///', '/// ```swift', '/// new()', '/// ```'])
        i = out.index('  public func callAsFunction(_ a: Args) -> R { call(a) }', 10)
        self.assertEqual(out[i - 6:i], ['  /// Calls the function.', '  ///', '  /// ```swift', '  /// new()',
                                        '  /// ```', '  @inlinable'])
        self.assertNotIn('  /// old()', out)
        self.assertEqual(len(out), len(SOURCE))
    def test_attributes_over_several_lines_are_skipped(self):
        lines = ['/// The macro.', '@attached(', '  extension, conformances: PyTree,', '  names: named(x))',
                 'public macro PyTree() = #externalMacro(module: "M", type: "T")']
        out = insert_block(lines, 'public macro PyTree()', ['///', '/// ```swift', '/// use()', '/// ```'])
        self.assertEqual(out[:5], ['/// The macro.', '///', '/// ```swift', '/// use()', '/// ```'])
        self.assertEqual(out[5:], lines[1:])


if __name__ == '__main__':
    unittest.main()
