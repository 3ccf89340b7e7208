"""The table of documentation examples that scripts/gen_doc_examples.py
checks against JAX and writes into the sources' `///` comments.

Each entry: (source file under Sources/, the start of the
declaration line, the Swift example, the same in Python). The Swift example
is one expression, or statements whose last line is the expression printed.
The Python side (statements, then the expression whose `str()` is the
expected printout) runs with `jnp`, `lax`, `jax`, `np` and `optax` in scope (the pinned venv
of scripts/python-env.sh; pooling is written with `lax.reduce_window` as
Flax does, so Flax is not needed).
The module (the first folder of the source file) picks the test target:
gen_doc_examples.TARGETS (SwiftJAX and the macro: SwiftJAXUserTests;
SwiftJAXOptim, SwiftJAXNN, SwiftJAXTesting: their own test targets;
Examples and SwiftJAXPlot: DemoTests).
The declaration is the start of its line, or `In(type, start)` where the
start alone is not unique in the file (scripts/docs/doc_source.py). A fifth element 'approx' marks an example
whose SwiftJAX output agrees with JAX's to float32 rounding but not in
the printed last digit (XLA's polynomial approximations of the
transcendental functions differ from SwiftJAX's: issue 18 part 3); its
doc comment shows JAX's printout after `≈` and its test compares values
(rtol 1e-5).
A Python side of None makes a usage example: its test only runs it; a
`Printed('...')` Python side is a printout written by hand for an example
with no JAX twin, checked like a JAX one. A `TopLevel('...')` flag holds
declarations the example needs at file scope (a `@PyTree` struct).
"""

LAX_UNARY = 'SwiftJAX/Lax/Lax+Unary.swift'
LAX_BINARY = 'SwiftJAX/Lax/Lax+Binary.swift'
LAX_SELECT = 'SwiftJAX/Lax/Lax+SelectConvert.swift'
NP = 'SwiftJAX/Numpy/Numpy+Arithmetic.swift'
F = 'jnp.array([1.5, -2.5])'   # float32 operand used by most unary examples


def unary(name, swift_arg, py_name=None, py_arg=None, *flags):
    return (LAX_UNARY, f'public static func {swift_name(name)}(_ x: Tensor',
            f'Lax.{swift_name(name)}({swift_arg})', f'lax.{py_name or name}({py_arg or swift_arg})', *flags)


def binary(name, a, b, py_name=None, pa=None, pb=None):
    return (LAX_BINARY, f'public static func {swift_name(name)}(_ a: Tensor, _ b: Tensor',
            f'Lax.{swift_name(name)}({a}, {b})', f'lax.{py_name or name}({pa or a}, {pb or b})')


def swift_name(name):
    return name if name not in ('not', 'and', 'or') else f'`{name}`'


def i32(*v):
    return 'jnp.array([' + ', '.join(map(str, v)) + '])'


def f32(*v):
    return 'jnp.array([' + ', '.join(repr(float(x)) for x in v) + '])'


UNARY = [
    unary('neg', F), unary('abs', F), unary('sign', f32(-2, 0, 3)), unary('floor', F), unary('ceil', F),
    unary('round', f32(0.5, 1.5, -2.5)), unary('exp', f32(0, 1)), unary('exp2', f32(0, 3)),
    unary('log', f32(1, 10)), unary('log1p', f32(0, 1e-7)), unary('expm1', f32(0, 1e-7), None, None, 'approx'),
    unary('sqrt', f32(4, 2)), unary('rsqrt', f32(4, 2)), unary('cbrt', f32(8, -27)),
    unary('sin', f32(0, 1)), unary('cos', f32(0, 1)), unary('tan', f32(0, 1)),
    unary('asin', f32(0, 1)), unary('acos', f32(0, 1)), unary('atan', f32(0, 1), None, None, 'approx'),
    unary('sinh', f32(0, 1)), unary('cosh', f32(0, 1)), unary('tanh', f32(0, 1)),
    unary('asinh', f32(0, 1), None, None, 'approx'), unary('acosh', f32(1, 2)), unary('atanh', f32(0, 0.5)),
    unary('logistic', f32(0, 2)), unary('erf', f32(0, 1)), unary('erfc', f32(0, 1), None, None, 'approx'),
    (LAX_UNARY, 'public static func erfInv(', f'Lax.erfInv({f32(0, 0.5)})', f'lax.erf_inv({f32(0, 0.5)})'),
    unary('lgamma', f32(0.5, 5), None, None, 'approx'), unary('digamma', f32(1, 2)),
    (LAX_UNARY, 'public static func isFinite(', 'Lax.isFinite(jnp.array([1.0, .infinity, .nan]))',
     'lax.is_finite(jnp.array([1.0, np.inf, np.nan]))'),
    unary('not', 'jnp.array([true, false])', py_name='bitwise_not', py_arg='jnp.array([True, False])'),
    unary('square', F),
    (LAX_UNARY, 'public static func roundEven(', f'Lax.roundEven({f32(0.5, 1.5, 2.5)})',
     f'lax.round({f32(0.5, 1.5, 2.5)}, lax.RoundingMethod.TO_NEAREST_EVEN)'),
    (LAX_UNARY, 'public static func integerPow(', f'Lax.integerPow({F}, 3)', f'lax.integer_pow({F}, 3)'),
]

BINARY = [
    binary('add', f32(1, 2), f32(3, 4)), binary('sub', f32(1, 2), f32(3, 4)), binary('mul', f32(1, 2), f32(3, 4)),
    binary('div', i32(7, -7), i32(2, 2)), binary('rem', i32(7, -7), i32(2, 2)), binary('pow', f32(2, 9), f32(3, 0.5)),
    binary('max', f32(1, 5), f32(3, 4)), binary('min', f32(1, 5), f32(3, 4)), binary('atan2', f32(1, 1), f32(1, -1)),
    binary('nextafter', f32(1, 1), f32(2, 0)),
    binary('and', i32(12, 5), i32(10, 3), py_name='bitwise_and'),
    binary('or', i32(12, 5), i32(10, 3), py_name='bitwise_or'),
    binary('xor', i32(12, 5), i32(10, 3), py_name='bitwise_xor'),
    binary('shiftLeft', i32(1, 3), i32(4, 1), py_name='shift_left'),
    binary('shiftRightLogical', i32(-16, 16), i32(28, 2), py_name='shift_right_logical'),
    binary('shiftRightArithmetic', i32(-16, 16), i32(2, 2), py_name='shift_right_arithmetic'),
] + [binary(c, i32(1, 2, 3), i32(2, 2, 2)) for c in ('eq', 'ne', 'lt', 'le', 'gt', 'ge')]

OTHER_LAX = [
    (LAX_SELECT, 'public static func selectN(', f'Lax.selectN({i32(0, 1, 2)}, [{i32(10, 11, 12)}, {i32(20, 21, 22)}, {i32(30, 31, 32)}])',
     f'lax.select_n({i32(0, 1, 2)}, {i32(10, 11, 12)}, {i32(20, 21, 22)}, {i32(30, 31, 32)})'),
    (LAX_SELECT, 'public static func convertElementType(', f'Lax.convertElementType({F}, .int32)',
     f'lax.convert_element_type({F}, jnp.int32)'),
    (LAX_SELECT, 'public static func bitcastConvertType(', 'Lax.bitcastConvertType(jnp.array([1.0]), .int32)',
     'lax.bitcast_convert_type(jnp.array([1.0]), jnp.int32)'),
]

NUMPY = [
    (NP, 'public static func add(', f'jnp.add({i32(1, 2)}, {i32(10)})', f'jnp.add({i32(1, 2)}, {i32(10)})'),
    (NP, 'public static func subtract(', f'jnp.subtract({f32(1, 2)}, 0.5)', f'jnp.subtract({f32(1, 2)}, 0.5)'),
    (NP, 'public static func multiply(', 'jnp.multiply(jnp.array([true, true]), jnp.array([true, false]))',
     'jnp.multiply(jnp.array([True, True]), jnp.array([True, False]))'),
    (NP, 'public static func trueDivide(', f'jnp.trueDivide({i32(1, 2)}, {i32(4)})', f'jnp.true_divide({i32(1, 2)}, {i32(4)})'),
    (NP, 'public static func negative(', f'jnp.negative({i32(1, -2)})', f'jnp.negative({i32(1, -2)})'),
    (NP, 'public static func maximum(', 'jnp.maximum(jnp.array([1.0, .nan]), jnp.array([2.0, 0.0]))',
     'jnp.maximum(jnp.array([1.0, np.nan]), jnp.array([2.0, 0.0]))'),
    (NP, 'public static func minimum(', 'jnp.minimum(jnp.array([1.0, .nan]), jnp.array([2.0, 0.0]))',
     'jnp.minimum(jnp.array([1.0, np.nan]), jnp.array([2.0, 0.0]))'),
    (NP, 'public static func power(', f'jnp.power({i32(2, 3)}, {i32(10, 3)})', f'jnp.power({i32(2, 3)}, {i32(10, 3)})'),
    (NP, 'public static func + (a: Tensor, b: Tensor)', f'{i32(1, 2)} + {i32(10)}', f'{i32(1, 2)} + {i32(10)}'),
    (NP, 'public static func - (a: Tensor, b: Tensor)', f'{i32(1, 2)} - {i32(10)}', f'{i32(1, 2)} - {i32(10)}'),
    (NP, 'public static func * (a: Tensor, b: Tensor)', f'{f32(1, 2)} * {f32(3)}', f'{f32(1, 2)} * {f32(3)}'),
    (NP, 'public static func / (a: Tensor, b: Tensor)', f'{i32(1, 3)} / {i32(2)}', f'{i32(1, 3)} / {i32(2)}'),
    (NP, 'public static func % (a: Tensor, b: Tensor)', f'{i32(-7, 7)} % {i32(3)}', f'{i32(-7, 7)} % {i32(3)}'),
    (NP, 'public static func ** (a: Tensor, b: Tensor)', f'{f32(2, 4)} ** {f32(0.5)}', f'{f32(2, 4)} ** {f32(0.5)}'),
    (NP, 'public static func += (a: inout Tensor, b: Tensor)', f'var a = {i32(1, 2)}\na += {i32(10)}\na',
     f'{i32(1, 2)} + {i32(10)}'),
    (NP, 'public static func -= (a: inout Tensor, b: Tensor)', f'var a = {i32(1, 2)}\na -= {i32(10)}\na',
     f'{i32(1, 2)} - {i32(10)}'),
    (NP, 'public static func *= (a: inout Tensor, b: Tensor)', f'var a = {f32(1, 2)}\na *= {f32(3)}\na',
     f'{f32(1, 2)} * {f32(3)}'),
    (NP, 'public static func /= (a: inout Tensor, b: Tensor)', f'var a = {f32(1, 2)}\na /= {f32(4)}\na',
     f'{f32(1, 2)} / {f32(4)}'),
    (NP, 'public static func + <T: BinaryFloatingPoint>(a: Tensor, b: T)', f'{i32(1, 2)} + 0.5', f'{i32(1, 2)} + 0.5'),
    (NP, 'public static func + <T: BinaryFloatingPoint>(a: T, b: Tensor)', f'0.5 + {f32(1, 2)}', f'0.5 + {f32(1, 2)}'),
    (NP, 'public static func - <T: BinaryFloatingPoint>(a: Tensor, b: T)', f'{f32(1, 2)} - 0.5', f'{f32(1, 2)} - 0.5'),
    (NP, 'public static func - <T: BinaryFloatingPoint>(a: T, b: Tensor)', f'0.5 - {f32(1, 2)}', f'0.5 - {f32(1, 2)}'),
    (NP, 'public static func * <T: BinaryFloatingPoint>(a: Tensor, b: T)', f'{i32(1, 2)} * 1.5', f'{i32(1, 2)} * 1.5'),
    (NP, 'public static func * <T: BinaryFloatingPoint>(a: T, b: Tensor)', f'1.5 * {f32(1, 2)}', f'1.5 * {f32(1, 2)}'),
    (NP, 'public static func / <T: BinaryFloatingPoint>(a: Tensor, b: T)', f'{f32(1, 2)} / 4.0', f'{f32(1, 2)} / 4.0'),
    (NP, 'public static func / <T: BinaryFloatingPoint>(a: T, b: Tensor)', f'1.0 / {f32(2, 4)}', f'1.0 / {f32(2, 4)}'),
    (NP, 'public static func + (a: Tensor, b: Int)', 'jnp.array([1, 2], dtype: .uint8) + 255', 'jnp.array([1, 2], dtype=jnp.uint8) + 255'),
    (NP, 'public static func + (a: Int, b: Tensor)', f'1 + {f32(0.5)}', f'1 + {f32(0.5)}'),
    (NP, 'public static func - (a: Tensor, b: Int)', f'{i32(1, 2)} - 1', f'{i32(1, 2)} - 1'),
    (NP, 'public static func - (a: Int, b: Tensor)', f'1 - {i32(1, 2)}', f'1 - {i32(1, 2)}'),
    (NP, 'public static func * (a: Tensor, b: Int)', f'{f32(0.5, 1)} * 2', f'{f32(0.5, 1)} * 2'),
    (NP, 'public static func * (a: Int, b: Tensor)', f'2 * {i32(3, 4)}', f'2 * {i32(3, 4)}'),
    (NP, 'public static func / (a: Tensor, b: Int)', f'{i32(1, 3)} / 2', f'{i32(1, 3)} / 2'),
    (NP, 'public static func / (a: Int, b: Tensor)', f'1 / {i32(2, 4)}', f'1 / {i32(2, 4)}'),
    (NP, 'public static func < (a: Tensor, b: Tensor)', f'{i32(1, 2, 3)} < {i32(2)}', f'{i32(1, 2, 3)} < {i32(2)}'),
    (NP, 'public static func <= (a: Tensor, b: Tensor)', f'{i32(1, 2, 3)} <= {i32(2)}', f'{i32(1, 2, 3)} <= {i32(2)}'),
    (NP, 'public static func > (a: Tensor, b: Tensor)', f'{i32(1, 2, 3)} > {i32(2)}', f'{i32(1, 2, 3)} > {i32(2)}'),
    (NP, 'public static func >= (a: Tensor, b: Tensor)', f'{i32(1, 2, 3)} >= {i32(2)}', f'{i32(1, 2, 3)} >= {i32(2)}'),
    (NP, 'public static func != (a: Tensor, b: Tensor)', f'{i32(1, 2, 3)} != {i32(2)}', f'{i32(1, 2, 3)} != {i32(2)}'),
    (NP, 'public static func & (a: Tensor, b: Tensor)', f'{i32(12, 5)} & {i32(10, 3)}', f'{i32(12, 5)} & {i32(10, 3)}'),
    (NP, 'public static func | (a: Tensor, b: Tensor)', f'{i32(12, 5)} | {i32(10, 3)}', f'{i32(12, 5)} | {i32(10, 3)}'),
    (NP, 'public static func ^ (a: Tensor, b: Tensor)', 'jnp.array([true, false]) ^ jnp.array([true, true])',
     'jnp.array([True, False]) ^ jnp.array([True, True])'),
    (NP, 'public static func << (a: Tensor, b: Tensor)', f'{i32(1, 3)} << {i32(4, 1)}', f'{i32(1, 3)} << {i32(4, 1)}'),
    (NP, 'public static func >> (a: Tensor, b: Tensor)', f'{i32(-16, 16)} >> {i32(2)}', f'{i32(-16, 16)} >> {i32(2)}'),
]

SHAPE = 'SwiftJAX/Lax/Lax+Shape.swift'
RED = 'SwiftJAX/Lax/Lax+Reduction.swift'
M23 = 'jnp.arange(6).reshape(2, 3)'

LAX_SHAPE = [
    (SHAPE, 'public static func iota(', 'Lax.iota(.int32, shape: [2, 3], dimension: 1)',
     'lax.broadcasted_iota(jnp.int32, (2, 3), 1)'),
    (SHAPE, 'public static func broadcastInDim(', f'Lax.broadcastInDim({i32(1, 2)}, shape: [3, 2], broadcastDimensions: [1])',
     f'lax.broadcast_in_dim({i32(1, 2)}, (3, 2), (1,))'),
    (SHAPE, 'public static func broadcast(', f'Lax.broadcast({i32(1, 2)}, sizes: [2])', f'lax.broadcast({i32(1, 2)}, (2,))'),
    (SHAPE, 'public static func reshape(', 'Lax.reshape(jnp.arange(6), [3, 2])', 'lax.reshape(jnp.arange(6), (3, 2))'),
    (SHAPE, 'public static func transpose(', f'Lax.transpose({M23}, [1, 0])', f'lax.transpose({M23}, (1, 0))'),
    (SHAPE, 'public static func squeeze(', 'Lax.squeeze(jnp.arange(3).reshape(1, 3), dimensions: [0])',
     'lax.squeeze(jnp.arange(3).reshape(1, 3), (0,))'),
    (SHAPE, 'public static func expandDims(', 'Lax.expandDims(jnp.arange(3), dimensions: [1])', 'lax.expand_dims(jnp.arange(3), (1,))'),
    (SHAPE, 'public static func rev(', f'Lax.rev({M23}, dimensions: [1])', f'lax.rev({M23}, (1,))'),
    (SHAPE, 'public static func slice(', 'Lax.slice(jnp.arange(10), start: [1], limit: [8], strides: [3])',
     'lax.slice(jnp.arange(10), (1,), (8,), (3,))'),
    (SHAPE, 'public static func sliceInDim(', f'Lax.sliceInDim({M23}, start: 1, limit: 3, axis: 1)',
     f'lax.slice_in_dim({M23}, 1, 3, axis=1)'),
    (SHAPE, 'public static func dynamicSlice(', 'Lax.dynamicSlice(jnp.arange(6), startIndices: [jnp.array(4)], sliceSizes: [3])',
     'lax.dynamic_slice(jnp.arange(6), (jnp.array(4),), (3,))'),
    (SHAPE, 'public static func dynamicUpdateSlice(', 'Lax.dynamicUpdateSlice(jnp.zeros([5]), jnp.ones([2]), startIndices: [jnp.array(1)])',
     'lax.dynamic_update_slice(jnp.zeros([5]), jnp.ones([2]), (jnp.array(1),))'),
    (SHAPE, 'public static func concatenate(', 'Lax.concatenate([jnp.arange(2), jnp.arange(3)], dimension: 0)',
     'lax.concatenate([jnp.arange(2), jnp.arange(3)], 0)'),
    (SHAPE, 'public static func pad(', f'Lax.pad({i32(1, 2)}, jnp.array(0), config: [PadConfig(low: 1, high: 2, interior: 1)])',
     f'lax.pad({i32(1, 2)}, jnp.array(0), [(1, 2, 1)])'),
]

LAX_REDUCTION = [
    (RED, 'public static func argmax(', f'Lax.argmax({f32(1, 3, 3)}, axis: 0)', f'lax.argmax({f32(1, 3, 3)}, 0, jnp.int32)'),
    (RED, 'public static func argmin(', f'Lax.argmin({M23}, axis: 1)', f'lax.argmin({M23}, 1, jnp.int32)'),
    (RED, 'public static func cumulative(', f'Lax.cumulative({i32(1, 2, 3)}, .sum, axis: 0, reverse: true)',
     f'lax.cumsum({i32(1, 2, 3)}, axis=0, reverse=True)'),
    (RED, 'public static func dot(', f'Lax.dot({f32(1, 2)}, {f32(3, 4)})', f'lax.dot({f32(1, 2)}, {f32(3, 4)})'),
    (RED, 'public static func sort(', f'Lax.sort([{i32(3, 1, 2)}, {i32(30, 10, 20)}], dimension: 0)[1]',
     f'lax.sort(({i32(3, 1, 2)}, {i32(30, 10, 20)}), dimension=0)[1]'),
]

CONT = 'SwiftJAX/Random/Random+Continuous.swift'
KEY = 'Random.PRNGKey(0)'
PYKEY = 'jax.random.PRNGKey(0)'


def sampler(file, name, *flags):
    return (file, f'public static func {name}<K: RandomKey>(', f'Random.{name}({KEY}, shape: [3])',
            f'jax.random.{name}({PYKEY}, (3,))', *flags)


RANDOM = [
    sampler(CONT, 'exponential'), sampler(CONT, 'laplace'), sampler(CONT, 'logistic', 'approx'), sampler(CONT, 'cauchy'),
    sampler(CONT, 'gumbel'), sampler(CONT, 'rademacher'),
    ('SwiftJAX/Random/Random+Discrete.swift', 'public static func permutation<K: RandomKey>(_ key: K, _ x: Tensor', f'Random.permutation({KEY}, jnp.arange(5))',
     f'jax.random.permutation({PYKEY}, jnp.arange(5))'),
    ('SwiftJAX/Random/Random+Discrete.swift', 'public static func categorical<K: RandomKey>(',
     f'Random.categorical({KEY}, logits: jnp.log(jnp.array([0.2, 0.3, 0.5])), shape: [6])',
     f'jax.random.categorical({PYKEY}, jnp.log(jnp.array([0.2, 0.3, 0.5])), shape=(6,))'),
    ('SwiftJAX/Random/Random+Keys.swift', 'public static func split<K: RandomKey>(_ key: K, shape:', f'Random.split({KEY}, shape: [2])',
     f'jax.random.split({PYKEY}, (2,))'),
    ('SwiftJAX/Random/Random+Keys.swift', 'public static func foldIn<K: RandomKey>(_ key: K, _ data: Int', f'Random.foldIn({KEY}, 7)',
     f'jax.random.fold_in({PYKEY}, 7)'),
    ('SwiftJAX/Random/Random+Keys.swift', 'public static func foldIn<K: RandomKey>(_ key: K, _ data: Tensor',
     f'Random.foldIn({KEY}, jnp.array(7, dtype: .uint32))', f'jax.random.fold_in({PYKEY}, jnp.array(7, dtype=jnp.uint32))'),
    ('SwiftJAX/Random/Random+Keys.swift', 'public static func bits<K: RandomKey>(', f'Random.bits({KEY}, shape: [2])',
     f'jax.random.bits({PYKEY}, (2,))'),
    ('SwiftJAX/Random/Random+Uniform.swift', 'public static func bernoulli<K: RandomKey>(', f'Random.bernoulli({KEY}, p: 0.3, shape: [5])',
     f'jax.random.bernoulli({PYKEY}, 0.3, (5,))'),
    ('SwiftJAX/Random/Random+Uniform.swift', 'public static func randint<K: RandomKey>(',
     f'Random.randint({KEY}, shape: [5], minval: 0, maxval: 10)', f'jax.random.randint({PYKEY}, (5,), 0, 10)'),
    ('SwiftJAX/Random/Random.swift', 'public static func PRNGKey(_ seed: Tensor', 'Random.PRNGKey(jnp.array(42))',
     'jax.random.PRNGKey(jnp.array(42))'),
]

ACT = 'SwiftJAX/NN/NN+Activations.swift'
INIT = 'SwiftJAX/NN/NN+Initializers.swift'
NN_EXAMPLES = [
    (ACT, 'public static func identity(', f'NN.identity({F})', f'jax.nn.identity({F})'),
    (ACT, 'public static func leakyRelu(', f'NN.leakyRelu({F})', f'jax.nn.leaky_relu({F})'),
    (ACT, 'public static func hardTanh(', f'NN.hardTanh({F})', f'jax.nn.hard_tanh({F})'),
    (ACT, 'public static func tanh(', f'NN.tanh({F})', f'jax.nn.tanh({F})'),
    (INIT, 'public static func zeros(', f'nn.initializers.zeros({KEY}, [2], .float32)',
     f'jax.nn.initializers.zeros({PYKEY}, (2,), jnp.float32)'),
    (INIT, 'public static func ones(', f'nn.initializers.ones({KEY}, [2], .int32)',
     f'jax.nn.initializers.ones({PYKEY}, (2,), jnp.int32)'),
    (INIT, 'public static func constant(', f'nn.initializers.constant(0.5)({KEY}, [2], .float32)',
     f'jax.nn.initializers.constant(0.5)({PYKEY}, (2,), jnp.float32)'),
    (INIT, 'public static func uniform(', f'nn.initializers.uniform(scale: 1)({KEY}, [3], .float32)',
     f'jax.nn.initializers.uniform(1.0)({PYKEY}, (3,), jnp.float32)'),
    (INIT, 'public static func normal(', f'nn.initializers.normal(stddev: 1)({KEY}, [3], .float32)',
     f'jax.nn.initializers.normal(1.0)({PYKEY}, (3,), jnp.float32)'),
]


def optimizer(file, decl, swift_call, py_call):
    """One update of a two-element parameter by the optimiser `swift_call`."""
    swift = (f'let opt = Optim.{swift_call}\nlet params = jnp.array([1.0, 2.0])\n'
             'let (updates, _) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params), params: params)\nupdates')
    py = (f'opt = optax.{py_call}\nparams = jnp.array([1.0, 2.0])\n'
          'updates, _ = opt.update(jnp.array([0.5, -1.0]), opt.init(params), params)\nupdates')
    # SwiftJAX keeps b1, b2 and decay as float32 hyperparameters in the
    # state (as optax.inject_hyperparams does), so `1 - b1` is rounded in
    # float32 where plain optax rounds it in float64: the updates agree to
    # float32 rounding, not to the last printed digit.
    return (file, f'public static func {decl}', swift, py, 'approx')


AL = 'SwiftJAXOptim/Aliases.swift'
TR = 'SwiftJAXOptim/Transforms.swift'
GT = 'SwiftJAXOptim/GradientTransformation.swift'
SC = 'SwiftJAXOptim/Schedules.swift'
OPTIM = [
    optimizer(AL, 'nadam(', 'nadam(learningRate: 0.1)', 'nadam(0.1)'),
    optimizer(AL, 'adamax(', 'adamax(learningRate: 0.1)', 'adamax(0.1)'),
    optimizer(AL, 'rmsprop(', 'rmsprop(learningRate: 0.1, momentum: 0.9)', 'rmsprop(0.1, momentum=0.9)'),
    optimizer(AL, 'adagrad(', 'adagrad(learningRate: 0.1)', 'adagrad(0.1)'),
    optimizer(AL, 'adadelta(', 'adadelta(learningRate: 0.1)', 'adadelta(0.1)'),
    optimizer(AL, 'lamb(', 'lamb(learningRate: 0.1)', 'lamb(0.1)'),
    optimizer(AL, 'lion(', 'lion(learningRate: 0.1)', 'lion(0.1)'),
    optimizer(AL, 'adafactor(', 'adafactor(learningRate: 0.1)', 'adafactor(0.1)'),
    optimizer(AL, 'ema(', 'ema(decay: 0.9)', 'ema(0.9)'),
    optimizer(TR, 'scaleByLearningRate(', 'scaleByLearningRate(0.1)', 'scale_by_learning_rate(0.1)'),
    optimizer(TR, 'trace(', 'trace(decay: 0.9, nesterov: true)', 'trace(0.9, nesterov=True)'),
    optimizer(TR, 'scaleByAdam(', 'scaleByAdam()', 'scale_by_adam()'),
    optimizer(TR, 'scaleByAdamax(', 'scaleByAdamax()', 'scale_by_adamax()'),
    optimizer(TR, 'scaleByRss(', 'scaleByRss()', 'scale_by_rss()'),
    optimizer(TR, 'scaleByAdadelta(', 'scaleByAdadelta()', 'scale_by_adadelta()'),
    optimizer(TR, 'scaleByLion(', 'scaleByLion()', 'scale_by_lion()'),
    optimizer(TR, 'scaleByTrustRatio(', 'scaleByTrustRatio()', 'scale_by_trust_ratio()'),
    optimizer(TR, 'clip(', 'clip(0.6)', 'clip(0.6)'),
    optimizer(TR, 'clipByGlobalNorm(', 'clipByGlobalNorm(0.5)', 'clip_by_global_norm(0.5)'),
    optimizer(TR, 'scaleByParamBlockRms(', 'scaleByParamBlockRms()', 'scale_by_param_block_rms()'),
    (TR, 'public static func globalNorm(', 'Optim.globalNorm([jnp.array([3.0]), jnp.array([4.0])])',
     'optax.global_norm([jnp.array([3.0]), jnp.array([4.0])])'),
    optimizer(GT, 'identity(', 'identity()', 'identity()'),
    optimizer(GT, 'scale(', 'scale(-0.5)', 'scale(-0.5)'),
    (GT, 'public static func applyUpdates<', 'Optim.applyUpdates(jnp.array([1.0, 2.0]), jnp.array([0.5, -0.5]))',
     'optax.apply_updates(jnp.array([1.0, 2.0]), jnp.array([0.5, -0.5]))'),
    (SC, 'public static func constant(', 'Schedule.constant(0.1)(5)', 'optax.constant_schedule(0.1)(5)'),
    (SC, 'public static func linear(', 'Schedule.linear(initValue: 1, endValue: 0, transitionSteps: 4)(jnp.arange(6))',
     'optax.linear_schedule(1.0, 0.0, 4)(jnp.arange(6))'),
    (SC, 'public static func piecewiseConstant(',
     'Schedule.piecewiseConstant(initValue: 1, boundariesAndScales: [2: 0.5, 4: 0.1])(jnp.arange(6))',
     'optax.piecewise_constant_schedule(1.0, {2: 0.5, 4: 0.1})(jnp.arange(6))'),
    (SC, 'public static func cosineDecay(', 'Schedule.cosineDecay(initValue: 1, decaySteps: 4)(jnp.arange(6))',
     'optax.cosine_decay_schedule(1.0, 4)(jnp.arange(6))'),
    (SC, 'public static func join(',
     'Schedule.join([.constant(1), .constant(0.5)], boundaries: [3])(jnp.arange(6))',
     'optax.join_schedules([optax.constant_schedule(1.0), optax.constant_schedule(0.5)], [3])(jnp.arange(6))'),
]

EXAMPLES = UNARY + BINARY + OTHER_LAX + NUMPY + LAX_SHAPE + LAX_REDUCTION + RANDOM + NN_EXAMPLES + OPTIM

CD = 'SwiftJAX/Transforms/AD/CustomDerivatives+Class.swift'
GA = 'SwiftJAX/Transforms/AD/Grad+Arity.swift'
CFT = 'SwiftJAX/Lax/Lax+ControlFlowTuples.swift'
CF = 'SwiftJAX/Lax/Lax+ControlFlow.swift'


def custom_jvp(arity):
    names = ['x', 'y', 'z', 'w'][:arity]
    consts = ['3.0', '1.0', '2.0'][:arity - 1]
    body = ' + '.join([f'{names[0]} * {names[1]}'] + names[2:])
    p = [f'p.{i}' for i in range(arity)]
    t = [f't.{i}' for i in range(arity)]
    primal = ' + '.join([f'{p[0]} * {p[1]}'] + p[2:])
    tangent = ' + '.join([f'{t[0]} * {p[1]}', f'{p[0]} * {t[1]}'] + t[2:])
    params = ', '.join(f'{n}: Tensor' for n in names)
    swift = (f'let f = CustomJVP {{ ({params}) in {body} }}\n'
             f'f.defjvp {{ p, t in ({primal}, {tangent}) }}\n'
             f'grad {{ (x: Tensor) in f(x, {", ".join(f"jnp.array({c})" for c in consts)}) }}(jnp.array(2.0))')
    pp = [f'p[{i}]' for i in range(arity)]
    tt = [f't[{i}]' for i in range(arity)]
    py = (f'f = jax.custom_jvp(lambda {", ".join(names)}: {body})\n'
          f'f.defjvp(lambda p, t: ({" + ".join([f"{pp[0]} * {pp[1]}"] + pp[2:])}, '
          f'{" + ".join([f"{tt[0]} * {pp[1]}", f"{pp[0]} * {tt[1]}"] + tt[2:])}))\n'
          f'jax.grad(lambda x: f(x, {", ".join(consts)}))(2.0)')
    generics = ', '.join(f'{g}: PyTree' for g in 'ABCD'[:arity])
    types = ', '.join('ABCD'[:arity])
    return (CD, f'public convenience init<{generics}>(_ f: @escaping ({types}) -> R, name:', swift, py)


def custom_vjp(arity):
    """f(x, ...) = x * y (+ the rest), with a backward rule that doubles
    the true cotangents, so the example shows the rule is used."""
    names = ['x', 'y', 'z', 'w'][:arity]
    consts = ['3.0', '1.0', '2.0'][:arity - 1]
    body = ' + '.join([f'{names[0]} * {names[1]}'] + names[2:])
    params = ', '.join(f'{n}: Tensor' for n in names)
    cots = ', '.join(['2 * g * res[1]', '2 * g * res[0]'] + ['2 * g'] * (arity - 2))
    py_cots = ', '.join(['2 * g * res[1]', '2 * g * res[0]'] + ['2 * g'] * (arity - 2))
    swift = (f'let f = CustomVJP({{ ({params}) in {body} }}, residuals: [Tensor].self)\n'
             f'f.defvjp(forward: {{ {", ".join(names)} in ({body}, [x, y]) }}, backward: {{ res, g in ({cots}) }})\n'
             f'grad {{ (x: Tensor) in f(x, {", ".join(f"jnp.array({c})" for c in consts)}) }}(jnp.array(2.0))')
    py = (f'f = jax.custom_vjp(lambda {", ".join(names)}: {body})\n'
          f'f.defvjp(lambda {", ".join(names)}: ({body}, [x, y]), lambda res, g: ({py_cots}))\n'
          f'jax.grad(lambda x: f(x, {", ".join(consts)}))(2.0)')
    generics = ', '.join(f'{g}: PyTree' for g in 'ABCD'[:arity])
    types = ', '.join('ABCD'[:arity])
    return (CD, f'public convenience init<{generics}>(_ f: @escaping ({types}) -> R, residuals:', swift, py)


def value_and_grad(arity):
    """The value and the gradient with respect to the first argument
    (JAX's default `argnums=0`)."""
    names = ['x', 'y', 'z', 'w'][:arity]
    args = ['2.0', '3.0', '4.0', '5.0'][:arity]
    params = ', '.join(f'{n}: Tensor' for n in names)
    body = ' * '.join(names)
    generics = ', '.join(f'{g}: PyTree' for g in 'ABCD'[:arity])
    types = ', '.join('ABCD'[:arity])
    swift = (f'let (value, dx) = valueAndGrad {{ ({params}) in {body} }}'
             f'({", ".join(f"jnp.array({a})" for a in args)})\n'
             'jnp.stack([value, dx])')
    py = (f'value, dx = jax.value_and_grad(lambda {", ".join(names)}: {body})({", ".join(args)})\n'
          'jnp.stack([value, dx])')
    return (GA, f'public func valueAndGrad<{generics}>(_ f: @escaping ({types}) -> Tensor, allowInt:', swift, py)


AD_EXAMPLES = [custom_jvp(2), custom_jvp(3), custom_jvp(4), custom_vjp(2), custom_vjp(3), custom_vjp(4),
               value_and_grad(1), value_and_grad(2), value_and_grad(3), value_and_grad(4)]

CONTROL_FLOW = [
    (CFT, 'public static func forLoop<C0: PyTree, C1: PyTree, C2: PyTree>(',
     'let (a, b, c) = Lax.forLoop(0, 3, body: { i, s in (s.0 + i, s.1 * 2, s.2 - 1) }, '
     '\n    initial: (jnp.array(0), jnp.array(1), jnp.array(10)))\njnp.stack([a, b, c])',
     'a, b, c = lax.fori_loop(0, 3, lambda i, s: (s[0] + i, s[1] * 2, s[2] - 1), (jnp.array(0), jnp.array(1), jnp.array(10)))\n'
     'jnp.stack([a, b, c])'),
    (CFT, 'public static func forLoop<C0: PyTree, C1: PyTree, C2: PyTree, C3: PyTree>(',
     'let (a, b, c, d) = Lax.forLoop(0, 3, body: { (i: Tensor, s: (Tensor, Tensor, Tensor, Tensor)) in\n'
     '    (s.0 + i, s.1 * 2, s.2 - 1, s.3 + s.0) },'
     '\n    initial: (jnp.array(0), jnp.array(1), jnp.array(10), jnp.array(0)))\njnp.stack([a, b, c, d])',
     'a, b, c, d = lax.fori_loop(0, 3, lambda i, s: (s[0] + i, s[1] * 2, s[2] - 1, s[3] + s[0]), '
     '(jnp.array(0), jnp.array(1), jnp.array(10), jnp.array(0)))\njnp.stack([a, b, c, d])'),
    (CFT, 'public static func forLoop<C0: PyTree, C1: PyTree>(_ lower: Tensor',
     'let (total, count) = Lax.forLoop(jnp.array(2), jnp.array(5), body: { i, s in (s.0 + i, s.1 + 1) }, '
     '\n    initial: (jnp.array(0), jnp.array(0)))\njnp.stack([total, count])',
     'total, count = lax.fori_loop(jnp.array(2), jnp.array(5), lambda i, s: (s[0] + i, s[1] + 1), (jnp.array(0), jnp.array(0)))\n'
     'jnp.stack([total, count])'),
    (CF, 'public static func map<X: PyTree, Y: PyTree>(', 'Lax.map({ (x: Tensor) in x * x }, jnp.arange(4))',
     'lax.map(lambda x: x * x, jnp.arange(4))'),
]

EXAMPLES += AD_EXAMPLES + CONTROL_FLOW

POOL = 'SwiftJAXNN/Pooling.swift'
DENSE = 'SwiftJAXNN/Dense.swift'
LAYER = 'SwiftJAXNN/Layer.swift'
X142 = 'jnp.arange(8, dtype: .float32).reshape(1, 4, 2)'   # [batch, length, features]
PX142 = 'jnp.arange(8, dtype=jnp.float32).reshape(1, 4, 2)'

NN_LAYERS = [
    (POOL, 'public static func minPool(', f'nn.minPool({X142}, windowShape: [2])', f'lax.reduce_window({PX142}, jnp.inf, lax.min, (1, 2, 1), (1, 1, 1), "VALID")'),
    (POOL, 'public init(windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid) {',
     f'MaxPool(windowShape: [2], strides: [2]).apply(.empty, {X142})', f'lax.reduce_window({PX142}, -jnp.inf, lax.max, (1, 2, 1), (1, 2, 1), "VALID")'),
    (POOL, 'public init(windowShape: [Int], strides: [Int]? = nil, padding: PaddingSpec = .valid, countIncludePad:',
     f'AvgPool(windowShape: [3], padding: .same, countIncludePad: false).apply(.empty, {X142})',
     f'lax.reduce_window({PX142}, 0.0, lax.add, (1, 3, 1), (1, 1, 1), "SAME")'
     f' / lax.reduce_window(jnp.ones((1, 4, 2)), 0.0, lax.add, (1, 3, 1), (1, 1, 1), "SAME")'),
    (DENSE, 'public struct Lambda: Layer', 'Lambda { nn.relu($0) }.apply(.empty, jnp.array([-1.0, 2.0]))',
     'jax.nn.relu(jnp.array([-1.0, 2.0]))'),
    (DENSE, 'public struct Sequential: Layer',
     'let model = Sequential(Dense(4), Lambda { nn.relu($0) }, Dense(1))\n'
     'let params = model.initialize(Random.PRNGKey(0), jnp.ones([2, 3]))\nmodel.apply(params, jnp.ones([2, 3]))', None),
    (DENSE, 'public init(_ layers: [any Layer])',
     'let model = Sequential([Dense(4), Lambda { nn.relu($0) }, Dense(1)])\n'
     'let params = model.initialize(Random.PRNGKey(0), jnp.ones([2, 3]))\nmodel.apply(params, jnp.ones([2, 3]))', None),
    (DENSE, 'public init(_ sizes: [Int], activation:',
     'let mlp = MLP([3, 16, 2], activation: { nn.gelu($0) })\n'
     'let params = mlp.initialize(Random.PRNGKey(0), jnp.ones([5, 3]))\nmlp.apply(params, jnp.ones([5, 3]))', None),
    ('SwiftJAXNN/Dropout.swift', 'public struct Embedding: Layer',
     'let embed = Embedding(10, 4)\nlet params = embed.initialize(Random.PRNGKey(0), jnp.array([1, 2]))\n'
     'embed.apply(params, jnp.array([1, 2]))   // f32[2, 4]', None),
    ('SwiftJAXNN/Dropout.swift', 'public func attend(',
     'let embed = Embedding(10, 4)\nlet params = embed.initialize(Random.PRNGKey(0), jnp.array([1]))\n'
     'embed.attend(params, jnp.ones([2, 4]))   // logits f32[2, 10]', None),
    (LAYER, 'public enum Mode',
     'let dropout = Dropout(0.5)\n'
     'let (y, _) = dropout.apply(.empty, jnp.ones([4]), state: .empty, mode: .train(key: Random.PRNGKey(0)))\n'
     'dropout.apply(.empty, y)   // .eval: the identity', None),
    (LAYER, 'public struct Context',
     'struct Scale: Layer {   // a layer of one parameter\n'
     '  func initVariables(_ key: Tensor, _ sample: Tensor) -> Variables { Variables(params: Params(["s": jnp.full([1], 2.0)])) }\n'
     '  func apply(_ params: Params, _ x: Tensor, context: inout Context) -> Tensor { x * params["s"].tensor }\n'
     '}\nlet params = Scale().initialize(Random.PRNGKey(0), jnp.ones([2]))\n'
     'var context = Context(mode: .eval, state: .empty)\nScale().apply(params, jnp.array([1.0, 3.0]), context: &context)',
     'jnp.array([2.0, 6.0])'),
    (LAYER, 'public init(mode: Mode, state: Params)',
     'var context = Context(mode: .train(key: Random.PRNGKey(0)), state: .empty)\n'
     'Dropout(0.5).apply(.empty, jnp.ones([4]), context: &context)', None),
    (LAYER, 'public mutating func nextKey(',
     'var context = Context(mode: .train(key: Random.PRNGKey(0)), state: .empty)\n'
     'let key = context.nextKey()!   // split from the training key\nRandom.uniform(key, shape: [2])',
     'k, sub = jax.random.split(jax.random.PRNGKey(0))\njax.random.uniform(sub, (2,))'),
    (LAYER, 'public mutating func scoped<',
     'var context = Context(mode: .eval, state: .dict(["block": Params(["mean": jnp.zeros([2])])]))\n'
     'context.scoped("block") { child in child.state["mean"].tensor }', 'jnp.zeros(2)'),
    (LAYER, '@PyTree public struct Variables',
     'let variables = BatchNorm().initVariables(Random.PRNGKey(0), jnp.ones([4, 3]))\nvariables.state["mean"].tensor',
     'jnp.zeros(3)'),
    (LAYER, 'public init(params: Params, state: Params = .empty)',
     'let variables = Variables(params: Params(["w": jnp.ones([2])]))\nvariables.params["w"].tensor', 'jnp.ones(2)'),
    (LAYER, 'public func initialState(',
     'BatchNorm().initialState(Random.PRNGKey(0), jnp.ones([4, 3]))["var"].tensor', 'jnp.ones(3)'),
    ('SwiftJAXNN/Params.swift', 'public init(_ tensors: [String: Tensor])', 'Params(["w": jnp.ones([2])])["w"].tensor',
     'jnp.ones(2)'),
    ('SwiftJAXNN/Params.swift', 'public subscript(name: String) -> Params',
     'let params = Params(["w": jnp.ones([2])])\nparams["bias"].isEmpty   // true: absent children read as empty', None),
    ('SwiftJAXNN/Recurrent.swift', 'public func run(',
     'let rnn = RNN(LSTMCell(features: 4))\nlet x = jnp.ones([2, 5, 3])   // [batch, time, features]\n'
     'let params = rnn.initialize(Random.PRNGKey(0), x)\nrnn.run(params, x).outputs   // f32[2, 5, 4]', None),
]

EXAMPLES += NN_LAYERS

MORE = [
    ('SwiftJAX/Numpy/Numpy.swift', 'public static func broadcastTo(', 'jnp.broadcastTo(jnp.array([1, 2]), [2, 2])',
     'jnp.broadcast_to(jnp.array([1, 2]), (2, 2))'),
    ('SwiftJAX/Numpy/Linalg/Linalg+SVD.swift', 'public static func svdvals(',
     'jnp.linalg.svdvals(jnp.array([3.0, 0.0, 0.0, -4.0]).reshape(2, 2))',
     'jnp.linalg.svdvals(jnp.array([3.0, 0.0, 0.0, -4.0]).reshape(2, 2))'),
    ('SwiftJAX/Transforms/JIT.swift', 'public final class Jitted<', 'let double = jit { (x: Tensor) in x * 2 }\ndouble(jnp.arange(3))',
     'double = jax.jit(lambda x: x * 2)\ndouble(jnp.arange(3))'),
    ('SwiftJAX/Transforms/JIT.swift', 'public func blockUntilReady<', 'blockUntilReady(jit { (x: Tensor) in x + 1 }(jnp.arange(3)))',
     'jax.block_until_ready(jax.jit(lambda x: x + 1)(jnp.arange(3)))'),
    ('SwiftJAX/Transforms/AD/Grad.swift', 'public subscript(_ i: Int) -> Tensor',
     'let g = grad({ (x: Tensor, y: Tensor) in x * y }, argnums: [0, 1])(jnp.array(2.0), jnp.array(3.0))\ng[1]',
     'g = jax.grad(lambda x, y: x * y, argnums=(0, 1))(2.0, 3.0)\ng[1]'),
    ('SwiftJAX/Transforms/AD/Grad.swift', 'public subscript<T: PyTree>(_ i: Int, as type: T.Type)',
     'let g = grad({ (x: Tensor, ys: [Tensor]) in x * ys[0] * ys[1] }, argnums: [0, 1])(jnp.array(2.0), [jnp.array(3.0), jnp.array(4.0)])\n'
     'g[1, as: [Tensor].self][0]',
     'g = jax.grad(lambda x, ys: x * ys[0] * ys[1], argnums=(0, 1))(2.0, [3.0, 4.0])\ng[1][0]'),
    (SC, 'public init(_ fn: @escaping (Tensor) -> Tensor)', 'Schedule { count in 0.1 * jnp.exp(-0.5 * count) }(2)',
     '0.1 * jnp.exp(-0.5 * jnp.array(2, dtype=jnp.int32))'),
    (SC, 'public func callAsFunction(_ count: Tensor)', 'Schedule.linear(initValue: 1, endValue: 0, transitionSteps: 4)(jnp.array(3))',
     'optax.linear_schedule(1.0, 0.0, 4)(jnp.array(3))'),
    (SC, 'public func callAsFunction(_ count: Int)', 'Schedule.linear(initValue: 1, endValue: 0, transitionSteps: 4)(2)',
     'optax.linear_schedule(1.0, 0.0, 4)(2)'),
    (SC, 'public static func warmupCosineDecay(',
     'Schedule.warmupCosineDecay(initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 6)(jnp.arange(7))',
     'optax.warmup_cosine_decay_schedule(0.0, 1.0, 2, 6)(jnp.arange(7))'),
    (SC, 'public init(floatLiteral value: Double)', 'let lr: LearningRate = 1e-3\nOptim.adam(learningRate: lr)', None),
    (SC, 'public init(integerLiteral value: Int)', 'let lr: LearningRate = 1\nOptim.sgd(learningRate: lr)', None),
    (SC, 'public static func schedule(',
     'Optim.adam(learningRate: .schedule(.cosineDecay(initValue: 1e-3, decaySteps: 1000)))', None),
    optimizer('SwiftJAXOptim/FactoredRMS.swift', 'scaleByFactoredRms(', 'scaleByFactoredRms()', 'scale_by_factored_rms()'),
    (GT, 'public func update<P: PyTree>(',
     'let opt = Optim.sgd(learningRate: 0.1)\nlet params = jnp.array([1.0, 2.0])\n'
     'let (updates, state) = opt.update(jnp.array([0.5, -1.0]), opt.initialize(params))\nupdates',
     'opt = optax.sgd(0.1)\nparams = jnp.array([1.0, 2.0])\nupdates, state = opt.update(jnp.array([0.5, -1.0]), opt.init(params))\nupdates'),
]

EXAMPLES += MORE

# Session 8: user-facing declarations that had a `///` comment but no example.
RND = 'SwiftJAX/Random/Random.swift'
CF = 'SwiftJAX/Lax/Lax+ControlFlow.swift'
NPY = 'SwiftJAX/Numpy/Numpy.swift'
CONV = 'SwiftJAX/Core/Tensor+Conversion.swift'
TREE = 'SwiftJAX/Core/PyTree.swift'
SESSION8 = [
    (RND, 'public static func key(_ seed: Int)', 'Random.uniform(Random.key(0), shape: [2])',
     'jax.random.uniform(jax.random.key(0), (2,))'),
    (RND, 'public static func keyData(_ key: PRNGKeyArray)', 'Random.keyData(Random.key(42))',
     'jax.random.key_data(jax.random.key(42))'),
    (RND, 'public static func wrapKeyData(_ data: Tensor)',
     'Random.normal(Random.wrapKeyData(Random.PRNGKey(7)), shape: [2])',
     'jax.random.normal(jax.random.wrap_key_data(jax.random.PRNGKey(7)), (2,))'),
    (RND, 'public subscript(i: Int) -> PRNGKeyArray', 'Random.keyData(Random.split(Random.key(0), num: 3)[1])',
     'jax.random.key_data(jax.random.split(jax.random.key(0), 3)[1])'),
    (CF, 'public static func forLoop<C: PyTree>(_ lower: Tensor',
     'Lax.forLoop(jnp.array(0), jnp.array(5), body: { i, x in x + i }, initial: jnp.array(0))',
     'lax.fori_loop(jnp.array(0), jnp.array(5), lambda i, x: x + i, jnp.array(0))'),
    (CF, 'public static func `switch`<Ops: PyTree, R: PyTree>(',
     'Lax.switch(jnp.array(1), [{ (x: Tensor) in x + 1 }, { x in x * 10 }], jnp.array([1.0, 2.0]))',
     'lax.switch(jnp.array(1), [lambda x: x + 1, lambda x: x * 10], jnp.array([1.0, 2.0]))'),
    (NPY, 'public static func promoteDTypes(', 'jnp.promoteDTypes([jnp.array([1, 2]), jnp.array([0.5] as [Float])])[0]',
     'jnp.array([1, 2]).astype(jnp.promote_types(jnp.int32, jnp.float32))'),
    (NPY, 'public static func broadcastShapes(', 'jnp.broadcastShapes([[3, 1], [1, 4]])!',
     'list(jnp.broadcast_shapes((3, 1), (1, 4)))'),
    (NPY, 'public static func resultType(', 'jnp.resultType([jnp.array([1, 2]), jnp.array(2.5)]).dtype',
     'jnp.result_type(jnp.array([1, 2]), jnp.array(2.5))'),
    (CONV, 'public init(weak value: Bool)', 'jnp.array([1, 2]) + Tensor(weak: true)', 'jnp.array([1, 2]) + True'),
    (CONV, 'public func item<T: TensorScalar>(', 'jnp.sum(jnp.array([1.5, 2.5])).item(Float.self)',
     'jnp.sum(jnp.array([1.5, 2.5])).item()'),
    (CONV, 'public init(floatLiteral value: Double)', 'let half: Tensor = 0.5\njnp.array([1, 2]) * half',
     'jnp.array([1, 2]) * 0.5'),
    (CONV, 'public init(integerLiteral value: Int)', 'let two: Tensor = 2\njnp.array([1.5, 2.5]) * two',
     'jnp.array([1.5, 2.5]) * 2'),
    (CONV, 'public init(booleanLiteral value: Bool)', 'let yes: Tensor = true\njnp.logicalAnd(jnp.array([true, false]), yes)',
     'jnp.logical_and(jnp.array([True, False]), True)'),
    (TREE, 'public func treeLeaves<T: PyTree>(', 'treeLeaves(["b": jnp.array([2.0]), "a": jnp.array([1.0])]).count',
     'len(jax.tree.leaves({"b": jnp.array([2.0]), "a": jnp.array([1.0])}))'),
    (TREE, 'public func treeFlatten<T: PyTree>(', 'treeFlatten(["w": jnp.array([2.0]), "b": jnp.array([1.0])]).0[0]',
     'jax.tree.flatten({"w": jnp.array([2.0]), "b": jnp.array([1.0])})[0][0]'),
    (TREE, 'public func treeUnflatten<T: PyTree>(',
     'let (leaves, def) = treeFlatten(["a": jnp.array([1.0]), "b": jnp.array([2.0])])\n'
     'treeUnflatten(def, leaves.map { $0 * 10 }, as: [String: Tensor].self)["b"]!',
     'leaves, d = jax.tree.flatten({"a": jnp.array([1.0]), "b": jnp.array([2.0])})\n'
     'jax.tree.unflatten(d, [l * 10 for l in leaves])["b"]'),
    (TREE, 'public func treeStructure<T: PyTree>(',
     'treeStructure([jnp.zeros([2]), jnp.ones([3])]) == treeStructure([jnp.ones([5]), jnp.zeros([1])])', None),
    (TREE, 'public func treeMapN<T: PyTree>(',
     'treeMapN({ xs in xs[0] + xs[1] * xs[2] }, [["w": jnp.array([1.0])], ["w": jnp.array([2.0])], ["w": jnp.array([3.0])]])["w"]!',
     'jax.tree.map(lambda a, b, c: a + b * c, {"w": jnp.array([1.0])}, {"w": jnp.array([2.0])}, {"w": jnp.array([3.0])})["w"]'),
]

EXAMPLES += SESSION8

OPTSTATE = 'SwiftJAXOptim/OptState.swift'
SESSION8_MODULES = [
    (POOL, 'public struct AvgPool: Layer', f'AvgPool(windowShape: [2], strides: [2]).apply(.empty, {X142})',
     f'lax.reduce_window({PX142}, 0.0, lax.add, (1, 2, 1), (1, 2, 1), "VALID") / 2'),
    (OPTSTATE, 'public func hyperparameter(_ name: String)',
     'let state = Optim.adam(learningRate: 0.01).initialize(["w": jnp.zeros([2])])\nstate.hyperparameter("learning_rate")!',
     'state = optax.inject_hyperparams(optax.adam)(learning_rate=0.01).init({"w": jnp.zeros(2)})\n'
     'state.hyperparams["learning_rate"]'),
    (OPTSTATE, 'public init(name: String, hyperparams:',
     'OptState(name: "scale_by_half", hyperparams: ["factor": jnp.array(0.5)]).hyperparameter("factor")!',
     'jnp.array(0.5)'),
]

EXAMPLES += SESSION8_MODULES

# Session 8, part 2: more user-facing declarations that had a `///` comment
# but no example (indexing, dtype queries, pytree helpers, tuple overloads
# of the transformations, custom-derivative rules, the IR's public types).
TIDX = 'SwiftJAX/Numpy/Numpy+TensorIndex.swift'
UNIQ = 'SwiftJAX/Numpy/Numpy+Unique.swift'
CPLX = 'SwiftJAX/Core/Complex.swift'
ERR = 'SwiftJAX/Core/JAXError.swift'
TUP = 'SwiftJAX/Core/PyTree+Tuples.swift'
SA = 'SwiftJAX/Core/ShapedArray.swift'
PROMO = 'SwiftJAX/Core/DType+Promotion.swift'
AXES = 'SwiftJAX/Transforms/Batching/AxisSpec.swift'
VMT = 'SwiftJAX/Transforms/Batching/Vmap+Tuples.swift'
SCT = 'SwiftJAX/Lax/Lax+ScanTuples.swift'
IR = 'SwiftJAX/IR/Jaxpr.swift'
IREVAL = 'SwiftJAX/IR/Jaxpr+Eval.swift'
AV2 = '[ShapedArray(shape: [2], dtype: .float32)]'
SESSION8_MORE = [
    (TIDX, 'public protocol TensorIndexExpression',
     'let row: any TensorIndexExpression = 2\njnp.arange(12).reshape(3, 4)[row]', 'jnp.arange(12).reshape(3, 4)[2]'),
    (TIDX, 'public static func slice(_ start: Int?', 'jnp.arange(6)[.slice(1, nil, 2)]', 'jnp.arange(6)[1::2]'),
    (TIDX, 'public subscript(_ e: UnboundedRangeMarker', 'jnp.arange(12).reshape(3, 4)[..., 1]',
     'jnp.arange(12).reshape(3, 4)[..., 1]'),
    (TIDX, 'public subscript(_ a: any TensorIndexExpression, _ e: UnboundedRangeMarker',
     'jnp.arange(24).reshape(2, 3, 4)[1, ..., 0]', 'jnp.arange(24).reshape(2, 3, 4)[1, ..., 0]'),
    ('SwiftJAX/Numpy/Tensor+At.swift', 'public struct IndexUpdateHelper',
     'let helper: IndexUpdateHelper = jnp.array([1, 2, 3]).at\nhelper[0].set(10)', 'jnp.array([1, 2, 3]).at[0].set(10)'),
    ('SwiftJAX/Numpy/Numpy+BitPacking.swift', 'public enum BitOrder',
     'jnp.packbits(jnp.array([true, false, true, true]), bitOrder: .little)',
     "jnp.packbits(jnp.array([True, False, True, True]), bitorder='little')"),
    ('SwiftJAX/Numpy/Numpy+DTypeQueries.swift', 'public enum DTypeKind',
     '[DType.int8, .uint8, .float32, .bool].filter { jnp.issubdtype($0, .integer) }.count',
     'len([d for d in [jnp.int8, jnp.uint8, jnp.float32, jnp.bool_] if jnp.issubdtype(d, jnp.integer)])'),
    ('SwiftJAX/Numpy/Numpy+Placement.swift', 'public enum IndexMode',
     'jnp.choose(jnp.array([0, 3, -1]), [jnp.array([1, 2, 3]), jnp.array([10, 20, 30])], mode: .wrap)',
     "jnp.choose(jnp.array([0, 3, -1]), [jnp.array([1, 2, 3]), jnp.array([10, 20, 30])], mode='wrap')"),
    (UNIQ, 'public struct UniqueResult', 'jnp.uniqueAll(jnp.array([3, 1, 3, 2])).counts',
     'jnp.unique_all(jnp.array([3, 1, 3, 2])).counts'),
    ('SwiftJAX/Numpy/Linalg/Linalg.swift', 'public enum NormOrder', 'Linalg.norm(jnp.array([3.0, -4.0]), ord: .inf)',
     'jnp.linalg.norm(jnp.array([3.0, -4.0]), ord=jnp.inf)'),
    ('SwiftJAX/Numpy/Numpy+Block.swift', 'public indirect enum Blocks',
     'let blocks: Numpy.Blocks = [[.array(jnp.ones([1, 2])), .array(jnp.zeros([1, 1]))]]\njnp.block(blocks)',
     'jnp.block([[jnp.ones((1, 2)), jnp.zeros((1, 1))]])'),
    (CPLX, 'public init(_ real: Real, _ imaginary: Real = 0)', 'jnp.abs(Tensor([Complex<Float>(3, 4)]))',
     'jnp.abs(jnp.array([3 + 4j], dtype=jnp.complex64))'),
    (CPLX, 'public static func + (a: Complex', 'Tensor([Complex<Float>(1, 2) + Complex(3, -1)])',
     'jnp.array([(1 + 2j) + (3 - 1j)], dtype=jnp.complex64)'),
    (CPLX, 'public static func - (a: Complex', 'Tensor([Complex<Float>(1, 2) - Complex(3, -1)])',
     'jnp.array([(1 + 2j) - (3 - 1j)], dtype=jnp.complex64)'),
    (CPLX, 'public static func * (a: Complex', 'Tensor([Complex<Float>(1, 2) * Complex(3, -1)])',
     'jnp.array([(1 + 2j) * (3 - 1j)], dtype=jnp.complex64)'),
    ('SwiftJAX/Core/DType.swift', 'public init?(name: String)', 'jnp.zeros([2], dtype: DType(name: "int8")!)',
     "jnp.zeros(2, dtype=jnp.dtype('int8'))"),
    ('SwiftJAX/Core/JAXConfig.swift', 'public static func withX64<R>(',
     'JAXConfig.withX64 { jnp.arange(3).dtype }',
     'with jax.enable_x64(True):\n    d = jnp.arange(3).dtype\nd'),
    (ERR, 'public static func capture<R>(',
     'let result = Result { try JAXError.capture { jnp.ones([2]) + jnp.ones([3]) } }\n'
     '(try? result.get()) == nil   // the shape error was thrown, not fatal', None),
    (ERR, 'public struct CallSite', 'CallSite(fileString: "Train.swift", line: 42).description   // "Train.swift:42"', None),
    (ERR, 'public init(fileString: String', 'CallSite(fileString: "Model.swift", line: 7).file   // "Model.swift"', None),
    (TUP, 'public func flattenTuple<', 'flattenTuple(jnp.array([1.0]), ["w": jnp.array([2.0])]).0[1]',
     'jax.tree.flatten((jnp.array([1.0]), {"w": jnp.array([2.0])}))[0][1]'),
    (TUP, 'public struct Tuple2Tree<',
     'treeLeaves(Tuple2Tree(jnp.array([1.0]), [jnp.array([2.0]), jnp.array([3.0])])).count',
     'len(jax.tree.leaves((jnp.array([1.0]), [jnp.array([2.0]), jnp.array([3.0])])))'),
    (TUP, 'public struct Tuple3Tree<',
     'treeMap({ $0 * 2 }, Tuple3Tree(jnp.array([1.0]), jnp.array([2.0]), jnp.array([3.0]))).c',
     'jax.tree.map(lambda x: x * 2, (jnp.array([1.0]), jnp.array([2.0]), jnp.array([3.0])))[2]'),
    (TREE, 'public indirect enum TreeDef', 'treeStructure(["a": [jnp.ones([2])], "b": [jnp.ones([3]), jnp.ones([1])]]).leafCount',
     'jax.tree.structure({"a": [jnp.ones(2)], "b": [jnp.ones(3), jnp.ones(1)]}).num_leaves'),
    (TREE, 'public struct FlatArguments', 'FlatArguments(jnp.ones([2]), [jnp.zeros([3]), jnp.zeros([1])]).leaves.count',
     'len(jax.tree.leaves((jnp.ones(2), [jnp.zeros(3), jnp.zeros(1)])))'),
    (TREE, 'public func unflatten<each A',
     'let flat = FlatArguments(jnp.array([1.0, 2.0]), ["b": jnp.array([3.0])])\n'
     'let (w, params) = flat.unflatten(flat.leaves.map { $0 * 10 }, as: Tensor.self, [String: Tensor].self)\n'
     'params["b"]!',
     'jax.tree.map(lambda x: x * 10, (jnp.array([1.0, 2.0]), {"b": jnp.array([3.0])}))[1]["b"]'),
    (SA, 'public func with(dtype: DType', 'ShapedArray(shape: [2, 3], dtype: .float32).with(dtype: .int32).dtype',
     'jax.core.ShapedArray((2, 3), jnp.float32).update(dtype=jnp.int32).dtype'),
    (SA, 'public func with(shape: [Int])', 'ShapedArray(shape: [2, 3], dtype: .float32).with(shape: [6]).shape',
     'list(jax.core.ShapedArray((2, 3), jnp.float32).update(shape=(6,)).shape)'),
    (SA, 'public func rowMajorStrides(', 'rowMajorStrides([2, 3, 4])',
     '[s // 4 for s in np.zeros((2, 3, 4), np.float32).strides]'),
    (SA, 'public func elementCount(', 'elementCount([2, 3, 4])!', 'np.zeros((2, 3, 4)).size'),
    (PROMO, 'public struct PromotionType', 'DType.resultType([PromotionType(.int32), PromotionType(.float32, weak: true)]).dtype',
     'jnp.result_type(jnp.int32, 1.0)'),
    (PROMO, 'public static func resultType(_ x: PromotionType', 'DType.resultType(PromotionType(.int8), PromotionType(.uint8)).dtype',
     'jnp.result_type(jnp.int8, jnp.uint8)'),
    (AXES, 'public init(integerLiteral value: Int)',
     'let spec: AxisSpec = 1\nvmap({ (x: Tensor) in jnp.sum(x) }, inAxes: spec)(jnp.arange(6).reshape(2, 3))',
     'jax.vmap(jnp.sum, in_axes=1)(jnp.arange(6).reshape(2, 3))'),
    (AXES, 'public init(arrayLiteral elements: AxisSpec?...)',
     'let spec: AxisSpec = [0, nil]\nvmap({ (x: Tensor, y: Tensor) in x * y }, inAxes: spec)(jnp.arange(3), jnp.array(10))',
     'jax.vmap(lambda x, y: x * y, in_axes=(0, None))(jnp.arange(3), jnp.array(10))'),
    (AXES, 'public init(dictionaryLiteral elements:',
     'let spec: AxisSpec = [["w": 0, "b": nil]]\n'
     'vmap({ (p: [String: Tensor]) in p["w"]! + p["b"]! }, inAxes: spec)(["w": jnp.arange(3), "b": jnp.array(10)])',
     'jax.vmap(lambda p: p["w"] + p["b"], in_axes=({"w": 0, "b": None},))({"w": jnp.arange(3), "b": jnp.array(10)})'),
    (VMT, 'public func vmap<A: PyTree, B: PyTree, each R: PyTree>(',
     'let (sums, products) = vmap({ (x: Tensor, y: Tensor) in (x + y, x * y) })(jnp.array([1, 2]), jnp.array([3, 4]))\nproducts',
     's, p = jax.vmap(lambda x, y: (x + y, x * y))(jnp.array([1, 2]), jnp.array([3, 4]))\np'),
    (VMT, 'public func vmap<A: PyTree, B: PyTree, C: PyTree, each R: PyTree>(',
     'let f = vmap({ (x: Tensor, y: Tensor, z: Tensor) in (x * y + z, x - z) }, inAxes: [0, nil, 0])\n'
     'let (fma, diff) = f(jnp.array([1, 2]), jnp.array(10), jnp.array([3, 4]))\nfma',
     'fma, diff = jax.vmap(lambda x, y, z: (x * y + z, x - z), in_axes=(0, None, 0))(jnp.array([1, 2]), jnp.array(10), jnp.array([3, 4]))\nfma'),
    (CFT, 'public static func scan<C0: PyTree, C1: PyTree, C2: PyTree, C3: PyTree',
     'let ((total, product, _, steps), _) = Lax.scan({ (c: (Tensor, Tensor, Tensor, Tensor), x: Tensor) -> ((Tensor, Tensor, Tensor, Tensor), Tensor) in\n'
     '  ((c.0 + x, c.1 * x, c.2, c.3 + 1), c.0)\n'
     '}, initial: (jnp.array(0.0), jnp.array(1.0), jnp.array(0.0), jnp.array(0.0)), xs: jnp.array([1.0, 2.0, 3.0]))\n'
     'jnp.stack([total, product, steps])',
     'c, _ = lax.scan(lambda c, x: ((c[0] + x, c[1] * x, c[2], c[3] + 1), c[0]), '
     '(jnp.array(0.0), jnp.array(1.0), jnp.array(0.0), jnp.array(0.0)), jnp.array([1.0, 2.0, 3.0]))\n'
     'jnp.stack([c[0], c[1], c[3]])'),
    (CFT, 'public static func cond<O0: PyTree, O1: PyTree, R0: PyTree, R1: PyTree>(',
     'let (lo, hi) = Lax.cond(jnp.array(true), { (ab: (Tensor, Tensor)) in (jnp.minimum(ab.0, ab.1), jnp.maximum(ab.0, ab.1)) },\n'
     '                        { ab in (ab.1, ab.0) }, (jnp.array(5.0), jnp.array(2.0)))\njnp.stack([lo, hi])',
     'lo, hi = lax.cond(True, lambda ab: (jnp.minimum(*ab), jnp.maximum(*ab)), lambda ab: (ab[1], ab[0]), '
     '(jnp.array(5.0), jnp.array(2.0)))\njnp.stack([lo, hi])'),
    (SCT, 'public static func scan<C0: PyTree, C1: PyTree, C2: PyTree, X',
     'let ((a, b, n), _) = Lax.scan({ (c: (Tensor, Tensor, Tensor), _: Tensor) -> ((Tensor, Tensor, Tensor), Tensor) in\n'
     '  ((c.1, c.0 + c.1, c.2 + 1), c.0)\n'
     '}, initial: (jnp.array(0), jnp.array(1), jnp.array(0)), xs: jnp.zeros([6]))\njnp.stack([a, b, n])',
     'c, _ = lax.scan(lambda c, x: ((c[1], c[0] + c[1], c[2] + 1), c[0]), (jnp.array(0), jnp.array(1), jnp.array(0)), jnp.zeros(6))\n'
     'jnp.stack(list(c))'),
    (SCT, 'public static func scan<C: PyTree, X: PyTree, Y0: PyTree, Y1',
     'let (_, (sums, squares)) = Lax.scan({ (c: Tensor, x: Tensor) -> (Tensor, (Tensor, Tensor)) in (c + x, (c + x, x * x)) },\n'
     '                                   initial: jnp.array(0.0), xs: jnp.array([1.0, 2.0, 3.0]))\nsums',
     '_, (sums, squares) = lax.scan(lambda c, x: (c + x, (c + x, x * x)), jnp.array(0.0), jnp.array([1.0, 2.0, 3.0]))\nsums'),
    (RED, 'public static func gather(_ x: Tensor',
     'let rows = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])\n'
     'Lax.gather(jnp.arange(12).reshape(3, 4), jnp.array([[2], [0]]), dimensionNumbers: rows, sliceSizes: [1, 4])',
     'rows = lax.GatherDimensionNumbers(offset_dims=(1,), collapsed_slice_dims=(0,), start_index_map=(0,))\n'
     'lax.gather(jnp.arange(12).reshape(3, 4), jnp.array([[2], [0]]), rows, slice_sizes=(1, 4))'),
    (RED, 'public static func scatter(_ x: Tensor',
     'let elements = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])\n'
     'Lax.scatter(jnp.zeros([5]), jnp.array([[1], [3], [1]]), jnp.array([1.0, 2.0, 3.0]), .add, dimensionNumbers: elements)',
     'elements = lax.ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,))\n'
     'lax.scatter_add(jnp.zeros(5), jnp.array([[1], [3], [1]]), jnp.array([1.0, 2.0, 3.0]), elements)'),
    (IR, 'public final class Var', 'Var(ShapedArray(shape: [3], dtype: .float32)).aval   // f32[3]', None),
    (IR, 'public enum Atom', 'Atom.v(Var(ShapedArray(shape: [2], dtype: .int32))).aval   // i32[2]', None),
    (IR, 'public init(constVars: [Var]',
     'let x = Var(ShapedArray(shape: [2], dtype: .float32))\n'
     'let identity = Jaxpr(constVars: [], inVars: [x], equations: [], outputs: [.v(x)])\n'
     'evalJaxpr(identity, consts: [], args: [jnp.array([1.0, 2.0])])[0]',
     'c = jax.make_jaxpr(lambda x: x)(jnp.zeros(2))\njax.core.eval_jaxpr(c.jaxpr, c.consts, jnp.array([1.0, 2.0]))[0]'),
    (IR, 'public init(jaxpr: Jaxpr, consts: [Tensor])',
     f'let staged = traceToJaxpr({{ xs in [xs[0] * 2] }}, {AV2})\n'
     'let closed = ClosedJaxpr(jaxpr: staged.jaxpr, consts: staged.consts)\nclosed([jnp.array([1.0, 2.0])])[0]',
     'c = jax.make_jaxpr(lambda x: x * 2)(jnp.zeros(2))\njax.core.eval_jaxpr(c.jaxpr, c.consts, jnp.array([1.0, 2.0]))[0]'),
    (IREVAL, 'public func evalJaxpr(',
     f'let staged = traceToJaxpr({{ xs in [xs[0] + xs[1]] }}, {AV2[:-1]}, {AV2[1:]})\n'
     'evalJaxpr(staged.jaxpr, consts: staged.consts, args: [jnp.array([1.0, 2.0]), jnp.array([10.0, 20.0])])[0]',
     'c = jax.make_jaxpr(lambda x, y: x + y)(jnp.zeros(2), jnp.zeros(2))\n'
     'jax.core.eval_jaxpr(c.jaxpr, c.consts, jnp.array([1.0, 2.0]), jnp.array([10.0, 20.0]))[0]'),
    (IREVAL, 'public func callAsFunction(_ args: [Tensor])',
     'traceToJaxpr({ xs in [jnp.square(xs[0])] }, [ShapedArray(shape: [3], dtype: .int32)])([jnp.array([1, 2, 3])])[0]',
     'c = jax.make_jaxpr(jnp.square)(jnp.zeros(3, jnp.int32))\njax.core.eval_jaxpr(c.jaxpr, c.consts, jnp.array([1, 2, 3]))[0]'),
    ('SwiftJAX/IR/Jaxpr+Typecheck.swift', 'public func typecheck()',
     f'let staged = traceToJaxpr({{ xs in [xs[0] * 2] }}, {AV2})\n(try? staged.jaxpr.typecheck()) != nil   // well formed', None),
    ('SwiftJAX/Transforms/Staging.swift', 'public func traceToJaxpr(',
     'traceToJaxpr({ xs in [jnp.sin(xs[0]) * 2] }, [ShapedArray(shape: [3], dtype: .float32)]).jaxpr.equations.count',
     'len(jax.make_jaxpr(lambda x: jnp.sin(x) * 2)(jnp.zeros(3, jnp.float32)).jaxpr.eqns)'),
    ('SwiftJAX/Compiler/Passes/Optimizer.swift', 'public static func optimize(',
     f'var program = traceToJaxpr({{ xs in [xs[0] * 1.0 + xs[0] * 1.0] }}, {AV2})\n'
     'Optimizer.optimize(&program)   // folds the repeated product\nprogram([jnp.array([1.0, 2.0])])[0]',
     'x = jnp.array([1.0, 2.0])\nx * 1.0 + x * 1.0'),
    (RND, 'public protocol RandomKey',
     'func draw<K: RandomKey>(_ key: K) -> Tensor { Random.uniform(key, shape: [2]) }\ndraw(Random.key(0))',
     'jax.random.uniform(jax.random.key(0), (2,))'),
    (RND, 'public static func fromKeyBits(_ bits: Tensor) -> Tensor',
     'Tensor.fromKeyBits(Random.keyData(Random.key(5)))', 'jax.random.key_data(jax.random.key(5))'),
    (RND, 'public init(keyBits: Tensor)', 'Random.normal(PRNGKeyArray(keyBits: Random.PRNGKey(3)), shape: [2])',
     'jax.random.normal(jax.random.wrap_key_data(jax.random.PRNGKey(3)), (2,))'),
    (RND, 'public static func fromKeyBits(_ bits: Tensor) -> PRNGKeyArray',
     'Random.keyData(PRNGKeyArray.fromKeyBits(Random.PRNGKey(5)))',
     'jax.random.key_data(jax.random.wrap_key_data(jax.random.PRNGKey(5)))'),
    (INIT, 'public enum FanMode',
     'nn.initializers.varianceScaling(scale: 2.0, mode: .fanIn, distribution: .uniform)(Random.PRNGKey(0), [2, 3], .float32)',
     "jax.nn.initializers.variance_scaling(2.0, 'fan_in', 'uniform')(jax.random.PRNGKey(0), (2, 3), jnp.float32)", 'approx'),
    (INIT, 'public enum Distribution',
     'nn.initializers.varianceScaling(scale: 1.0, mode: .fanAvg, distribution: .normal)(Random.PRNGKey(1), [3, 2], .float32)',
     "jax.nn.initializers.variance_scaling(1.0, 'fan_avg', 'normal')(jax.random.PRNGKey(1), (3, 2), jnp.float32)", 'approx'),
    ('SwiftJAX/Lax/Lax+Debug.swift', 'public enum Debug',
     'jit { (x: Tensor) in Debug.print("x = {}", x); return x * 2 }(jnp.array([1, 2]))   // prints x = [1 2]', None),
    ('SwiftJAX/Transforms/AD/AD+Helpers.swift', 'public func float0Zeros(', 'float0Zeros(shape: [2])',
     'jnp.zeros(2, dtype=bool)'),
    ('SwiftJAX/Core/Tensor+RawBytes.swift', 'public func withRawBytes<R>(',
     'jnp.array([1, 2, 3]).withRawBytes { $0.count }!', 'jnp.array([1, 2, 3]).nbytes'),
    ('SwiftJAX/Lax/Lax+Conv.swift', 'public static func convWithGeneralPadding(',
     'let padding = [WindowPadding(1, 0), WindowPadding(1, 0)]\n'
     'Lax.convWithGeneralPadding(jnp.ones([1, 1, 3, 3]), jnp.ones([1, 1, 2, 2]), windowStrides: [1, 1], padding: padding)[0, 0]',
     'lax.conv_with_general_padding(jnp.ones((1, 1, 3, 3)), jnp.ones((1, 1, 2, 2)), (1, 1), [(1, 0), (1, 0)], None, None)[0, 0]'),
    (CD, 'public convenience init(_ f: @escaping (Args) -> R, name: String = "custom_jvp"',
     'let softplus = CustomJVP { (x: Tensor) in jnp.log1p(jnp.exp(x)) }\n'
     'softplus.defjvp { x, t in (softplus(x), Lax.logistic(x) * t) }\ngrad { softplus($0) }(jnp.array(100.0))',
     'softplus = jax.custom_jvp(lambda x: jnp.log1p(jnp.exp(x)))\n'
     'softplus.defjvp(lambda p, t: (softplus(p[0]), lax.logistic(p[0]) * t[0]))\njax.grad(softplus)(jnp.array(100.0))'),
    (CD, 'public func defjvp(_ rule',
     'let cube = CustomJVP { (x: Tensor) in x * x * x }\ncube.defjvp { x, t in (cube(x), 3 * x * x * t) }\n'
     'jvp({ (x: Tensor) in cube(x) }, primals: jnp.array(2.0), tangents: jnp.array(1.0)).1',
     'cube = jax.custom_jvp(lambda x: x * x * x)\ncube.defjvp(lambda p, t: (cube(p[0]), 3 * p[0] * p[0] * t[0]))\n'
     'jax.jvp(cube, (jnp.array(2.0),), (jnp.array(1.0),))[1]'),
    (CD, 'public func defjvp<A: PyTree, B: PyTree>(',
     'let hyp = CustomJVP { (x: Tensor, y: Tensor) in jnp.sqrt(x * x + y * y) }\n'
     'hyp.defjvp { p, t in let h = hyp(p.0, p.1); return (h, (p.0 * t.0 + p.1 * t.1) / h) }\n'
     'grad { (x: Tensor) in hyp(x, jnp.array(4.0)) }(jnp.array(3.0))',
     'hyp = jax.custom_jvp(lambda x, y: jnp.sqrt(x * x + y * y))\n'
     'hyp.defjvp(lambda p, t: (hyp(*p), (p[0] * t[0] + p[1] * t[1]) / hyp(*p)))\n'
     'jax.grad(lambda x: hyp(x, jnp.array(4.0)))(jnp.array(3.0))'),
    (CD, 'public func defjvp<A: PyTree, B: PyTree, C: PyTree>(',
     'let fma = CustomJVP { (x: Tensor, y: Tensor, z: Tensor) in x * y + z }\n'
     'fma.defjvp { p, t in (fma(p.0, p.1, p.2), t.0 * p.1 + p.0 * t.1 + t.2) }\n'
     'grad { (y: Tensor) in fma(jnp.array(5.0), y, jnp.array(1.0)) }(jnp.array(2.0))',
     'fma = jax.custom_jvp(lambda x, y, z: x * y + z)\n'
     'fma.defjvp(lambda p, t: (fma(*p), t[0] * p[1] + p[0] * t[1] + t[2]))\n'
     'jax.grad(lambda y: fma(jnp.array(5.0), y, jnp.array(1.0)))(jnp.array(2.0))'),
    (CD, 'public func defjvp<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(',
     'let dot2 = CustomJVP { (a: Tensor, b: Tensor, c: Tensor, d: Tensor) in a * b + c * d }\n'
     'dot2.defjvp { p, t in (dot2(p.0, p.1, p.2, p.3), t.0 * p.1 + p.0 * t.1 + t.2 * p.3 + p.2 * t.3) }\n'
     'grad { (c: Tensor) in dot2(jnp.array(1.0), jnp.array(2.0), c, jnp.array(7.0)) }(jnp.array(3.0))',
     'dot2 = jax.custom_jvp(lambda a, b, c, d: a * b + c * d)\n'
     'dot2.defjvp(lambda p, t: (dot2(*p), t[0] * p[1] + p[0] * t[1] + t[2] * p[3] + p[2] * t[3]))\n'
     'jax.grad(lambda c: dot2(jnp.array(1.0), jnp.array(2.0), c, jnp.array(7.0)))(jnp.array(3.0))'),
    (CD, 'public convenience init(_ f: @escaping (Args) -> R, residuals: Res.Type',
     'let clip = CustomVJP({ (x: Tensor) in x }, residuals: Tensor.self)\n'
     'clip.defvjp(forward: { x in (x, x) }, backward: { _, g in jnp.clip(g, min: -1, max: 1) })\n'
     'grad { (x: Tensor) in jnp.sum(clip(x) * 5) }(jnp.array([1.0, 2.0]))',
     'clip = jax.custom_vjp(lambda x: x)\n'
     'clip.defvjp(lambda x: (x, x), lambda _, g: (jnp.clip(g, -1, 1),))\n'
     'jax.grad(lambda x: jnp.sum(clip(x) * 5))(jnp.array([1.0, 2.0]))'),
    (CD, 'public func defvjp(forward:',
     'let square = CustomVJP({ (x: Tensor) in x * x }, residuals: Tensor.self)\n'
     'square.defvjp(forward: { x in (x * x, x) }, backward: { x, g in 2 * x * g })\ngrad { square($0) }(jnp.array(3.0))',
     'square = jax.custom_vjp(lambda x: x * x)\n'
     'square.defvjp(lambda x: (x * x, x), lambda x, g: (2 * x * g,))\njax.grad(square)(jnp.array(3.0))'),
    (CD, 'public func defvjp<A: PyTree, B: PyTree>(',
     'let mul = CustomVJP({ (x: Tensor, y: Tensor) in x * y }, residuals: [Tensor].self)\n'
     'mul.defvjp(forward: { x, y in (x * y, [x, y]) }, backward: { r, g in (g * r[1], g * r[0]) })\n'
     'grad { (y: Tensor) in mul(jnp.array(4.0), y) }(jnp.array(3.0))',
     'mul = jax.custom_vjp(lambda x, y: x * y)\n'
     'mul.defvjp(lambda x, y: (x * y, [x, y]), lambda r, g: (g * r[1], g * r[0]))\n'
     'jax.grad(lambda y: mul(jnp.array(4.0), y))(jnp.array(3.0))'),
    (CD, 'public func defvjp<A: PyTree, B: PyTree, C: PyTree>(',
     'let affine = CustomVJP({ (a: Tensor, x: Tensor, b: Tensor) in a * x + b }, residuals: [Tensor].self)\n'
     'affine.defvjp(forward: { a, x, b in (a * x + b, [a, x]) }, backward: { r, g in (g * r[1], g * r[0], g) })\n'
     'grad { (a: Tensor) in affine(a, jnp.array(6.0), jnp.array(1.0)) }(jnp.array(2.0))',
     'affine = jax.custom_vjp(lambda a, x, b: a * x + b)\n'
     'affine.defvjp(lambda a, x, b: (a * x + b, [a, x]), lambda r, g: (g * r[1], g * r[0], g))\n'
     'jax.grad(lambda a: affine(a, jnp.array(6.0), jnp.array(1.0)))(jnp.array(2.0))'),
    (CD, 'public func defvjp<A: PyTree, B: PyTree, C: PyTree, D: PyTree>(',
     'let dot2 = CustomVJP({ (a: Tensor, b: Tensor, c: Tensor, d: Tensor) in a * b + c * d }, residuals: [Tensor].self)\n'
     'dot2.defvjp(forward: { a, b, c, d in (a * b + c * d, [a, b, c, d]) },\n'
     '            backward: { r, g in (g * r[1], g * r[0], g * r[3], g * r[2]) })\n'
     'grad { (d: Tensor) in dot2(jnp.array(1.0), jnp.array(2.0), jnp.array(3.0), d) }(jnp.array(4.0))',
     'dot2 = jax.custom_vjp(lambda a, b, c, d: a * b + c * d)\n'
     'dot2.defvjp(lambda a, b, c, d: (a * b + c * d, [a, b, c, d]), lambda r, g: (g * r[1], g * r[0], g * r[3], g * r[2]))\n'
     'jax.grad(lambda d: dot2(jnp.array(1.0), jnp.array(2.0), jnp.array(3.0), d))(jnp.array(4.0))'),
    (OPTSTATE, 'public struct AnyTree',
     'let (leaves, def) = treeFlatten(["w": jnp.array([1.0]), "b": jnp.array([2.0])])\n'
     'let tree = AnyTree(def: def, leaves: leaves.map { $0 * 3 })\ntreeLeaves(tree)[1]',
     'jax.tree.leaves(jax.tree.map(lambda x: x * 3, {"w": jnp.array([1.0]), "b": jnp.array([2.0])}))[1]'),
    (OPTSTATE, 'public init(def: TreeDef',
     'let (leaves, def) = treeFlatten(["w": jnp.array([1.0]), "b": jnp.array([2.0])])\n'
     'let tree = AnyTree(def: def, leaves: leaves.map { -$0 })\ntreeUnflatten(tree.def, tree.leaves, as: [String: Tensor].self)["b"]!',
     'jax.tree.map(lambda x: -x, {"w": jnp.array([1.0]), "b": jnp.array([2.0])})["b"]'),
    (GT, 'public enum Optim',
     'let opt = Optim.chain(Optim.clipByGlobalNorm(1.0), Optim.sgd(learningRate: 0.5))\n'
     'opt.update(jnp.array([3.0, 4.0]), opt.initialize(jnp.zeros([2]))).0',
     'opt = optax.chain(optax.clip_by_global_norm(1.0), optax.sgd(0.5))\n'
     'opt.update(jnp.array([3.0, 4.0]), opt.init(jnp.zeros(2)))[0]'),
]

EXAMPLES += SESSION8_MORE

PRIM = 'SwiftJAX/Primitives/Primitive.swift'
SESSION8_LAX_PARAMS = [
    (IR, 'public struct ClosedJaxpr', f'makeJaxpr({{ xs in [xs[0] + 1, xs[0] * 2] }}, {AV2}).outAvals.count',
     'len(jax.make_jaxpr(lambda x: (x + 1, x * 2))(jnp.zeros(2, jnp.float32)).out_avals)'),
    (IR, 'public init(_ aval: ShapedArray)', 'Var(ShapedArray(shape: [4], dtype: .int32)).aval.shape   // [4]', None),
    (PRIM, 'public enum GatherMode',
     'let elements = GatherDimensionNumbers(offsetDims: [], collapsedSliceDims: [0], startIndexMap: [0])\n'
     'Lax.gather(jnp.arange(4), jnp.array([[1], [9]]), dimensionNumbers: elements, sliceSizes: [1], mode: .fillOrDrop, fillValue: -1)',
     'elements = lax.GatherDimensionNumbers(offset_dims=(), collapsed_slice_dims=(0,), start_index_map=(0,))\n'
     "lax.gather(jnp.arange(4), jnp.array([[1], [9]]), elements, (1,), mode='fill', fill_value=-1)"),
    (PRIM, 'public enum ScatterOp',
     'let elements = ScatterDimensionNumbers(updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0])\n'
     'Lax.scatter(jnp.array([5, 5, 5]), jnp.array([[0], [2], [0]]), jnp.array([7, 1, 9]), .max, dimensionNumbers: elements)',
     'elements = lax.ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,))\n'
     'lax.scatter_max(jnp.array([5, 5, 5]), jnp.array([[0], [2], [0]]), jnp.array([7, 1, 9]), elements)'),
    (PRIM, 'public init(offsetDims:',
     'let rows = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])\n'
     'Lax.gather(jnp.arange(6).reshape(3, 2), jnp.array([[1]]), dimensionNumbers: rows, sliceSizes: [1, 2])',
     'rows = lax.GatherDimensionNumbers(offset_dims=(1,), collapsed_slice_dims=(0,), start_index_map=(0,))\n'
     'lax.gather(jnp.arange(6).reshape(3, 2), jnp.array([[1]]), rows, slice_sizes=(1, 2))'),
    (PRIM, 'public init(updateWindowDims:',
     'let rows = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])\n'
     'Lax.scatter(jnp.zeros([3, 2]), jnp.array([[2]]), jnp.ones([1, 2]), .set, dimensionNumbers: rows)',
     'rows = lax.ScatterDimensionNumbers(update_window_dims=(1,), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,))\n'
     'lax.scatter(jnp.zeros((3, 2)), jnp.array([[2]]), jnp.ones((1, 2)), rows)'),
    (PRIM, 'public init(low: Int, high: Int, interior: Int = 0)',
     'Lax.pad(jnp.array([1, 2, 3]), jnp.array(0), config: [PadConfig(low: 1, high: 2, interior: 1)])',
     'lax.pad(jnp.array([1, 2, 3]), jnp.array(0), [(1, 2, 1)])'),
    (PRIM, 'public init(lhsContracting: [Int]',
     'let batched = DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])\n'
     'Lax.dotGeneral(jnp.ones([2, 1, 3]), jnp.ones([2, 3, 1]), batched).shape',
     'list(lax.dot_general(jnp.ones((2, 1, 3)), jnp.ones((2, 3, 1)), (((2,), (1,)), ((0,), (0,)))).shape)'),
    (TREE, 'public func firstDifference(',
     'treeStructure([jnp.ones([2])]).firstDifference(from: treeStructure([jnp.ones([2]), jnp.ones([2])]))   // names root', None),
]

EXAMPLES += SESSION8_LAX_PARAMS

# Session 9: the rest of the public API, including the modules that had no
# generated tests (SwiftJAXPlot, Examples, SwiftJAXTesting, the macro).
from doc_source import In, Printed, TopLevel  # noqa: E402

TS = 'SwiftJAX/Core/TensorScalar.swift'
X64 = 'with jax.enable_x64(True):\n    v = {}\nv'


def convert(swift_type, value, py):
    """`init(jaxElement:)` of one scalar type, against JAX's convert_element_type."""
    return (TS, In(swift_type, 'public init(jaxElement v: ScalarValue)'), f'{swift_type}(jaxElement: {value})', py)


SCALARS = [
    (TS, 'public protocol TensorScalar', 'Tensor([UInt8(3), 250]).dtype', 'jnp.array([3, 250], dtype=jnp.uint8).dtype'),
    (TS, 'public enum ScalarValue', 'ScalarValue.float(-2.7).asInt64', 'int(lax.convert_element_type(-2.7, jnp.int32))'),
    convert('Bool', '.float(0.5)', 'str(bool(lax.convert_element_type(0.5, jnp.bool_))).lower()'),
    convert('Int8', '.float(-300.7)', 'int(lax.convert_element_type(jnp.float32(-300.7), jnp.int8))'),
    convert('Int16', '.int(70000)', 'int(lax.convert_element_type(jnp.int32(70000), jnp.int16))'),
    convert('Int32', '.uint(4294967295)', 'int(lax.convert_element_type(jnp.uint32(4294967295), jnp.int32))'),
    convert('Int64', '.float(1e19)', X64.format('int(lax.convert_element_type(jnp.float64(1e19), jnp.int64))')),
    convert('Int', '.float(-2.9)', 'int(lax.convert_element_type(jnp.float32(-2.9), jnp.int32))'),
    convert('UInt8', '.int(-1)', 'int(lax.convert_element_type(jnp.int32(-1), jnp.uint8))'),
    convert('UInt16', '.float(-5)', 'int(lax.convert_element_type(jnp.float32(-5), jnp.uint16))'),
    convert('UInt32', '.float(1e10)', 'int(lax.convert_element_type(jnp.float32(1e10), jnp.uint32))'),
    convert('UInt64', '.int(-2)', X64.format('int(lax.convert_element_type(jnp.int64(-2), jnp.uint64))')),
    convert('UInt', '.bool(true)', 'int(lax.convert_element_type(True, jnp.uint32))'),
    convert('Float16', '.float(1e5)', 'jnp.array(1e5).astype(jnp.float16)'),
    convert('Float', '.float(1.0 / 3.0)', 'jnp.array(1 / 3, dtype=jnp.float32)'),
    convert('Double', '.uint(UInt64.max)', X64.format('float(lax.convert_element_type(jnp.uint64(2**64 - 1), jnp.float64))')),
    ('SwiftJAX/Core/Complex.swift', 'public init(jaxElement v: ScalarValue)',
     'Tensor([Complex<Float>(jaxElement: .float(2.5))])', 'jnp.array([2.5], dtype=jnp.complex64)'),
    ('SwiftJAX/Core/BFloat16.swift', 'public init(jaxElement v: ScalarValue)',
     'Tensor([BFloat16(jaxElement: .float(1.0 / 3.0))])', 'jnp.array([1 / 3], dtype=jnp.bfloat16)'),
    ('SwiftJAX/Core/Tensor+Conversion.swift', In('Bool', 'public init(_ t: Tensor, file: StaticString = #fileID'),
     'Bool(jnp.array(3) > 2)', 'str(bool(jnp.array(3) > 2)).lower()'),
]

CDC = 'SwiftJAX/Transforms/AD/CustomDerivatives+Class.swift'


def custom_call(kind, arity):
    """`callAsFunction` of CustomJVP/CustomVJP with `arity` arguments: the
    rule is only for derivatives, so a call gives the function's value."""
    names = ['x', 'y', 'z', 'w'][:arity]
    args = ['2.0', '3.0', '4.0', '5.0'][:arity]
    body = ' * '.join(names)
    params = ', '.join(f'{n}: Tensor' for n in names)
    call = ', '.join(f'jnp.array({a})' for a in args)
    if kind == 'CustomJVP':
        rule = f'f.defjvp {{ p, t in (f{"" if arity > 1 else ""}({", ".join(f"p.{i}" for i in range(arity)) if arity > 1 else "p"}), ' \
               f'{"t.0" if arity > 1 else "t"}) }}'
        swift = f'let f = CustomJVP {{ ({params}) in {body} }}\n{rule}\nf({call})'
        py = f'f = jax.custom_jvp(lambda {", ".join(names)}: {body})\n' \
             f'f.defjvp(lambda p, t: (f(*p), t[0]))\nf({", ".join(args)})'
        start = 'public func callAsFunction(_ a: Args) -> R' if arity == 1 else None
    else:
        swift = (f'let f = CustomVJP({{ ({params}) in {body} }}, residuals: Tensor.self)\n'
                 f'f.defvjp(forward: {{ {", ".join(names)} in ({body}, x) }}, backward: {{ _, g in '
                 f'{"g" if arity == 1 else "(" + ", ".join(["g"] * arity) + ")"} }})\nf({call})')
        py = (f'f = jax.custom_vjp(lambda {", ".join(names)}: {body})\n'
              f'f.defvjp(lambda {", ".join(names)}: ({body}, x), lambda _, g: ({", ".join(["g"] * arity)},))\n'
              f'f({", ".join(args)})')
    if arity == 1:
        start = 'public func callAsFunction(_ a: Args) -> R'
    else:
        generics = ', '.join(f'{g}: PyTree' for g in 'ABCD'[:arity])
        start = f'public func callAsFunction<{generics}>('
    return (CDC, In(kind, start), swift, py)


CUSTOM_CALLS = [custom_call(k, n) for k in ('CustomJVP', 'CustomVJP') for n in (1, 2, 3, 4)]

MAC = 'SwiftJAX/Core/PyTree+Macro.swift'
CELSIUS = ('struct Celsius: LosslessStringConvertible {   // not Hashable: kept by its text\n'
           '  var degrees: Double\n'
           '  init(_ degrees: Double) { self.degrees = degrees }\n'
           '  init?(_ text: String) { guard let d = Double(text) else { return nil }; degrees = d }\n'
           '  var description: String { "\\(degrees)" }\n'
           '}')
PYTREE_MACRO = [
    (MAC, 'public macro PyTree()',
     'let layer = Layer(weights: jnp.ones([3, 2]), bias: jnp.zeros([2]))\ntreeStructure(layer)',
     Printed('Layer{weights: *, bias: *, activation: static(relu)}'),
     TopLevel('@PyTree struct Layer {\n  var weights: Tensor\n  var bias: Tensor\n'
              '  var activation: String = "relu"   // static metadata\n}')),
    ('SwiftJAXMacros/PyTreeMacro.swift', 'public struct PyTreeMacro',
     'treeLeaves(Affine(scale: jnp.array([2.0]), shift: jnp.array([1.0])))[1]', 'jnp.array([1.0])',
     TopLevel('@PyTree struct Affine {   // expanded by PyTreeMacro\n  var scale: Tensor\n  var shift: Tensor\n}')),
    (MAC, 'public func pyTreeFlattenField<T: PyTree>(',
     'var leaves: [Tensor] = []\n_ = pyTreeFlattenField(["b": jnp.array([2.0]), "a": jnp.array([1.0])], into: &leaves)\nleaves[0]',
     'jax.tree.leaves({"b": jnp.array([2.0]), "a": jnp.array([1.0])})[0]'),
    (MAC, 'public func pyTreeFlattenField<T: LosslessStringConvertible & Hashable>(',
     'var leaves: [Tensor] = []\nlet def = pyTreeFlattenField(3, into: &leaves)\n"\\(def) \\(leaves.count)"',
     Printed('static(3) 0')),
    (MAC, 'public func pyTreeFlattenField<T: LosslessStringConvertible>(',
     'var leaves: [Tensor] = []\npyTreeFlattenField(Celsius(21.5), into: &leaves)', Printed('static(21.5)'),
     TopLevel(CELSIUS)),
    (MAC, 'public func pyTreeUnflattenField<T: PyTree>(',
     'var leaves = [jnp.array([1.0]), jnp.array([2.0])][...]\n'
     'let xs: [Tensor] = pyTreeUnflattenField(treeStructure([jnp.zeros([1]), jnp.zeros([1])]), &leaves)\nxs[1]',
     'jax.tree.unflatten(jax.tree.structure([0, 0]), [jnp.array([1.0]), jnp.array([2.0])])[1]'),
    (MAC, 'public func pyTreeUnflattenField<T: LosslessStringConvertible & Hashable>(',
     'var leaves: [Tensor] = [], rest = leaves[...]\n'
     'let steps: Int = pyTreeUnflattenField(pyTreeFlattenField(7, into: &leaves), &rest)\nsteps', Printed('7')),
    (MAC, 'public func pyTreeUnflattenField<T: LosslessStringConvertible>(',
     'var leaves: [Tensor] = [], rest = leaves[...]\n'
     'let t: Celsius = pyTreeUnflattenField(pyTreeFlattenField(Celsius(-4), into: &leaves), &rest)\nt.degrees',
     Printed('-4.0')),
    (MAC, 'public func pyTreeFieldDefs(',
     'let def = treeStructure(Affine(scale: jnp.ones([2]), shift: jnp.zeros([2])))\n'
     'pyTreeFieldDefs(def, count: 2, of: "Affine").map(\\.leafCount)', Printed('[1, 1]')),
]

CK = 'SwiftJAXOptim/Checkpoint.swift'
TMP = 'let url = FileManager.default.temporaryDirectory.appendingPathComponent("doc-\\(UUID()).safetensors")\n'
CHECKPOINT = [
    (CK, 'public struct CheckpointError',
     'let missing = URL(fileURLWithPath: "/nonexistent/params.safetensors")\n'
     '(try? Checkpoint.loadAll(missing)) == nil', Printed('true')),
    (CK, 'public enum Kind: String',
     'let missing = URL(fileURLWithPath: "/nonexistent/params.safetensors")\n'
     'var kind: CheckpointError.Kind? = nil\n'
     'do { _ = try Checkpoint.loadAll(missing) } catch let e as CheckpointError { kind = e.kind } catch {}\n'
     'kind!', Printed('io')),
    (CK, 'public static func load<T: PyTree>(',
     TMP + 'try Checkpoint.save(["w": jnp.array([1.0, 2.0]), "b": jnp.array([0.5])], to: url)\n'
     'try Checkpoint.load(url, like: ["w": jnp.zeros([2]), "b": jnp.zeros([1])])["w"]!',
     'jnp.array([1.0, 2.0])'),
    (CK, 'public static func loadAll(',
     TMP + 'try Checkpoint.save(["step": jnp.array([3], dtype: .int32)], to: url)\ntry Checkpoint.loadAll(url).values.first!',
     'jnp.array([3], dtype=jnp.int32)'),
]

AC = 'SwiftJAXTesting/AllClose.swift'
TESTING = [
    (AC, 'public struct NumericalCheckFailure',
     'var report = ""\n'
     'do { try assertAllClose(jnp.array([1.0, 2.0]), jnp.array([1.0, 2.5])) } catch { report = error.message }   // the checks throw NumericalCheckFailure\n'
     'report.isEmpty', Printed('false')),
    (AC, 'public init(_ message: String, file: String, line: UInt)',
     'NumericalCheckFailure("x and y differ", file: "ModelTests.swift", line: 12)',
     Printed('x and y differ (at ModelTests.swift:12)')),
]

CV = 'SwiftJAXPlot/Canvas.swift'
CH = 'SwiftJAXPlot/Chart.swift'
PNG = 'SwiftJAXPlot/PNG.swift'
PARSES = 'XMLParser(data: Data({}.utf8)).parse()'
SIGNATURE = Printed('[137, 80, 78, 71, 13, 10, 26, 10]')
IHDR = ('import struct, zlib\nihdr = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)\n'
        'list(struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)))')
PLOT = [
    (CV, 'public init(_ r: Double, _ g: Double, _ b: Double)',
     'var chart = Chart()\nchart.line([0, 1], [0, 1], Style(color: Color(1, 0.5, 0)))\nchart.svg().contains("#ff8000")',
     Printed('true')),
    (CV, 'public init(hex: UInt32)', 'let c = Color(hex: 0x1F77B4)\n[c.r, c.g, c.b].map { Int(($0 * 255).rounded()) }',
     Printed('[31, 119, 180]')),
    (CV, 'public init(anchors: [Color])', 'Colormap(anchors: [.black, .white]).color(0.25) == Color(0.25, 0.25, 0.25)',
     Printed('true')),
    (CV, 'public func color(_ t: Double)', 'Colormap.viridis.color(2) == Colormap.viridis.color(1)', Printed('true')),
    (CV, 'public struct Rect', 'let r = Rect(x: 10, y: 20, width: 100, height: 50)\n[r.x + r.width, r.y + r.height]',
     Printed('[110.0, 70.0]')),
    (CV, 'public init(x: Double, y: Double, width: Double, height: Double)',
     'Rect(x: 0, y: 0, width: 4, height: 3).width', Printed('4.0')),
    (CV, 'public enum TextAnchor', 'var chart = Chart(title: "centred title")\nchart.line([0, 1], [1, 2])\n'
     'chart.svg().contains("text-anchor=\\"middle\\"")', Printed('true')),
    (CH, 'public enum Scale', 'var chart = Chart(title: "timings")\nchart.xScale = .log\nchart.yScale = .log\n'
     'chart.line([1e3, 1e4, 1e5], [0.01, 0.1, 1])\n' + PARSES.format('chart.svg()'), Printed('true')),
    (CH, 'public enum LegendPosition', 'var chart = Chart()\nchart.legend = .none\nchart.line([0, 1], [0, 1], Style(label: "loss"))\n'
     'chart.svg().contains("loss")', Printed('false')),
    (CH, 'public init(color: Color? = nil', 'var chart = Chart()\nchart.line([0, 1], [1, 0], Style(label: "validation"))\n'
     'chart.svg().contains("validation")', Printed('true')),
    (CH, 'public enum Mark', 'var chart = Chart()\nchart.histogram([0, 1, 1, 2, 3], bins: 2)\n'
     'guard case .bars(let edges, _, _) = chart.marks[0] else { fatalError() }\nedges',
     '[float(e) for e in np.histogram([0, 1, 1, 2, 3], bins=2)[1]]'),
    (CH, 'public init(title: String = ""', 'let chart = Chart(title: "Lorenz", xLabel: "t", yLabel: "x")\n'
     'chart.svg().contains(">Lorenz<")', Printed('true')),
    (CH, 'public mutating func line(', 'var chart = Chart()\nchart.line([0, 1, 2], [1.0, 0.5, 0.3])\nchart.marks.count',
     Printed('1')),
    (CH, 'public mutating func scatter(', 'var chart = Chart()\nchart.scatter([0, 1, 2], [2, 0, 1], Style(radius: 2))\n'
     'chart.svg().components(separatedBy: "<circle").count - 1', Printed('3')),
    (CH, 'public mutating func histogram(', 'var chart = Chart()\nchart.histogram([0, 1, 1, 2, 3], bins: 2)\n'
     'guard case .bars(_, let counts, _) = chart.marks[0] else { fatalError() }\ncounts',
     '[float(c) for c in np.histogram([0, 1, 1, 2, 3], bins=2)[0]]'),
    (CH, 'public func svg() -> String { Figure', 'var chart = Chart(title: "sin")\nchart.line([0, 1, 2], [0, 0.84, 0.91])\n'
     + PARSES.format('chart.svg()'), Printed('true')),
    (CH, 'public func png() -> [UInt8] { Figure', 'var chart = Chart(title: "sin")\nchart.line([0, 1, 2], [0, 0.84, 0.91])\n'
     'Array(chart.png().prefix(8))', SIGNATURE),
    (CH, 'public func write(to path: String) throws { try Figure',
     'var chart = Chart(title: "loss")\nchart.line([0, 1], [1, 0.5])\n'
     'let path = NSTemporaryDirectory() + "doc-chart-\\(UUID()).svg"\ntry chart.write(to: path)\n'
     + PARSES.format('try String(contentsOfFile: path, encoding: .utf8)'), Printed('true')),
    (CH, 'public init(_ charts: [Chart], columns: Int)', 'let figure = Figure([Chart(title: "a"), Chart(title: "b"), Chart(title: "c")], columns: 2)\n'
     '[">a<", ">b<", ">c<"].allSatisfy { figure.svg().contains($0) }', Printed('true')),
    (CH, In('Figure', 'public func svg() -> String {'), 'let figure = Figure([Chart(title: "x"), Chart(title: "y")], columns: 2)\n'
     + PARSES.format('figure.svg()'), Printed('true')),
    (CH, In('Figure', 'public func png() -> [UInt8] {'), 'let figure = Figure([Chart(title: "x"), Chart(title: "y")], columns: 1)\n'
     'Array(figure.png().prefix(8))', SIGNATURE),
    (CH, In('Figure', 'public func write(to path: String) throws {'),
     'let path = NSTemporaryDirectory() + "doc-figure-\\(UUID()).png"\n'
     'try Figure([Chart(title: "x")], columns: 1).write(to: path)\nArray(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(8))',
     SIGNATURE),
    (PNG, 'public func encodePNG(', 'Array(encodePNG(width: 2, height: 1, rgb: [255, 0, 0, 0, 0, 255])[8..<33])', IHDR),
    (PNG, 'public func crc32(', 'crc32(Array("IEND".utf8))', 'import zlib\nzlib.crc32(b"IEND")'),
    (PNG, 'public func adler32(', 'adler32(Array("Wikipedia".utf8))', 'import zlib\nzlib.adler32(b"Wikipedia")'),
    (PNG, 'public func zlibCompress(', 'Array(zlibCompress(Array("abc abc abc".utf8)).suffix(4))',
     'import zlib\nlist(zlib.compress(b"abc abc abc")[-4:])'),
]

LORENZ_PY = ('def rhs(c, s=10.0, r=28.0, b=8.0 / 3.0):\n'
             '    return jnp.array([s * (c[1] - c[0]), c[0] * (r - c[2]) - c[1], c[0] * c[1] - b * c[2]])\n'
             'def step(c, tau=0.01, r=28.0):\n'
             '    k1 = tau * rhs(c, r=r)\n    k2 = tau * rhs(c + (1.0 / 2.0) * k1, r=r)\n'
             '    k3 = tau * rhs(c + (1.0 / 2.0) * k2, r=r)\n    k4 = tau * rhs(c + k3, r=r)\n'
             '    return c + (1.0 / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4)\n')
ADV_PY = ('def adv(d, v, dt):\n    return d + dt * (-v * jnp.gradient(d, axis=0))\n'
          'd = jnp.array([[0.0], [1.0], [4.0]])\nv = jnp.ones((3, 1))\n')
ADV_SW = 'let (d, v) = (jnp.array([[0.0], [1.0], [4.0]]), jnp.ones([3, 1]))\n'
LZ = 'Examples/Lorenz.swift'
AD = 'Examples/Advection.swift'
EXAMPLES_MODULE = [
    (LZ, 'public init(sigma: Double = 10', 'LorenzRK4Stepper(rho: 14)(jnp.array([1.0, 1.0, 1.0]))',
     LORENZ_PY + 'step(jnp.array([1.0, 1.0, 1.0]), r=14.0)'),
    (LZ, 'public func callAsFunction(_ coords: Tensor)', 'LorenzRK4Stepper()(jnp.array([1.0, 1.0, 1.0]))',
     LORENZ_PY + 'step(jnp.array([1.0, 1.0, 1.0]))'),
    (LZ, 'public func rolloutLoop(', 'rolloutLoop(LorenzRK4Stepper(), jnp.array([1.0, 1.0, 1.0]), 2)[2]',
     LORENZ_PY + 'step(step(jnp.array([1.0, 1.0, 1.0])))'),
    (LZ, 'public func lorenzTrajectory(', 'lorenzTrajectory(length: 2, float64: false)[1]',
     LORENZ_PY + '[float(v) for v in step(step(jnp.full(3, 10.0)))]'),
    (AD, 'public func advectionInitialConditions(', 'advectionInitialConditions(nx: 2, ny: 2).density',
     'x = (jnp.arange(2, dtype=jnp.float32) / 2)[:, None]\ny = (jnp.arange(2, dtype=jnp.float32) / 2)[None, :]\n'
     'jnp.exp(-((x - 0.3) * (x - 0.3) + (y - 0.5) * (y - 0.5)) / 0.01)', 'approx'),  # the demo's host expf
    (AD, 'public func advectionStep(', ADV_SW + 'advectionStep(d, v, dt: 0.1)', ADV_PY + 'adv(d, v, 0.1)'),
    (AD, 'public func advectEager(', ADV_SW + 'advectEager(d, v, steps: 2, dt: 0.1)', ADV_PY + 'adv(adv(d, v, 0.1), v, 0.1)'),
    (AD, 'public func advectForLoop(', ADV_SW + 'advectForLoop(steps: 2, dt: 0.1)(d, v)',
     ADV_PY + 'jax.jit(lambda d, v: lax.fori_loop(0, 2, lambda i, d: adv(d, v, 0.1), d))(d, v)',
     'approx'),  # XLA's jit contracts d + dt·(...) into an fma; SwiftJAX's contractFMA is off by default
    ('Examples/Patterns.swift', 'public struct PatternSnippet', 'seed002Snippets[0].output()',
     'array = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])\njax.vmap(lambda x: x * x)(array)'),
    ('Examples/Patterns.swift', 'public func patternsTranscript(', 'patternsTranscript().split(separator: "\\n")[3]',
     'array = jnp.array([jnp.repeat(1, 5), jnp.repeat(2, 5)])\nstr(jax.vmap(lambda x: x * x)(array)).split("\\n")[0]'),
]

EXAMPLES += SCALARS + CUSTOM_CALLS + PYTREE_MACRO + CHECKPOINT + TESTING + PLOT + EXAMPLES_MODULE

# Declarations whose comment only seemed to have an example: doc_coverage.py
# read the `///` block bottom-up, so two backticks on different lines looked
# like an inline call.
ORDERED_BLOCKS = [
    (CK, 'public static func save<T: PyTree>(',
     TMP + 'try Checkpoint.save(["w": jnp.array([1.0, 2.0])], to: url, metadata: ["step": "3"])\n'
     'try Checkpoint.load(url, like: ["w": jnp.zeros([2])])["w"]!',
     'jnp.array([1.0, 2.0])'),
    (AD, 'public func advectUnrolled(', ADV_SW + 'advectUnrolled(steps: 2, dt: 0.1)(d, v)',
     ADV_PY + 'jax.jit(lambda d, v: adv(adv(d, v, 0.1), v, 0.1))(d, v)',
     'approx'),  # XLA's jit contracts d + dt·(...) into an fma; SwiftJAX's contractFMA is off by default
    (LZ, 'public func lorenzRHS(', 'LorenzRK4Stepper().lorenzRHS(jnp.array([1.0, 2.0, 3.0]))',
     LORENZ_PY + 'rhs(jnp.array([1.0, 2.0, 3.0]))'),
    ('SwiftJAX/Numpy/Tensor+At.swift', 'public struct IndexUpdateRef',
     'let ref: IndexUpdateRef = jnp.arange(4).at[1]\nref.add(10)', 'jnp.arange(4).at[1].add(10)'),
    (CONV, 'public init(weak value: Double)', 'jnp.array([1, 2], dtype: .float32) * Tensor(weak: 2.5)',
     'jnp.array([1, 2], dtype=jnp.float32) * 2.5'),
]

EXAMPLES += ORDERED_BLOCKS

# The IR-level API (Primitive and the values it carries are public because
# jaxprs are): each example binds a primitive directly, and its twin binds
# JAX's primitive (or calls the lax function that binds it).
TR = 'SwiftJAX/Core/Trace.swift'
TV = 'SwiftJAX/Core/TensorValue.swift'
UN = 'SwiftJAX/Primitives/UnaryOp.swift'
BI = 'SwiftJAX/Primitives/BinaryOp.swift'
EW = 'SwiftJAX/Primitives/ElementwiseOps.swift'
CP = 'SwiftJAX/Primitives/ConvParams.swift'
M22 = 'jnp.array([[1.0, 5.0], [3.0, 2.0]])'
W3 = 'jnp.array([1.0, 3.0, 2.0])'
MAXPOOL_PY = f'lax.reduce_window({W3}, -jnp.inf, lax.max, (2,), (1,), ((1, 0),))'
SCALAR_AVAL = '[ShapedArray(shape: [], dtype: .float32)]'
INTERNAL = [
    (TR, 'public func bind(_ primitive: Primitive', 'bind(.binary(.max), [jnp.array([1, 5]), jnp.array([3, 2])])[0]',
     'lax.max_p.bind(jnp.array([1, 5]), jnp.array([3, 2]))'),
    (TR, 'public func bind1(_ primitive: Primitive', 'bind1(.unary(.sin), [jnp.array([0.0, 1.0])])',
     'lax.sin_p.bind(jnp.array([0.0, 1.0]), accuracy=None)'),
    (TV, 'public class TensorValue', 'jnp.array([1, 2]).value.aval.shape', 'list(jnp.array([1, 2]).shape)'),
    (TV, 'public final class ConcreteArray', 'jnp.array([1.5, 2.5]).concrete!.count', 'jnp.array([1.5, 2.5]).size'),
    (TV, 'public func pointer<T>(as: T.Type)',
     'let c = jnp.array([1.5, 2.5]).concrete!  // the pointer is valid while c lives\n'
     'withExtendedLifetime(c) { c.pointer(as: Float.self)[1] }',
     'float(jnp.array([1.5, 2.5])[1])'),
    (TV, 'public class Tracer', 'var traced = false\n'
     '_ = grad { (x: Tensor) -> Tensor in traced = x.value is Tracer; return x * x }(jnp.array(1.0))\ntraced',
     'seen = []\njax.grad(lambda x: (seen.append(isinstance(x, jax.core.Tracer)), x * x)[1])(1.0)\nstr(seen[0]).lower()'),
    (UN, 'public enum UnaryOp', 'bind1(.unary(.sqrt), [jnp.array([4.0, 2.0])])',
     'lax.sqrt_p.bind(jnp.array([4.0, 2.0]), accuracy=None)'),
    (UN, 'public func accepts(_ d: DType)', '[DType.int32, .float16, .complex64].map { UnaryOp.sqrt.accepts($0) }',
     Printed('[false, true, true]')),
    (UN, 'public func resultDType(_ d: DType)', 'UnaryOp.abs.resultDType(.complex64)',
     'lax.abs(jnp.array([1 + 1j], dtype=jnp.complex64)).dtype'),
    (BI, 'public enum BinaryOp', 'bind1(.binary(.atan2), [jnp.array([1.0, -1.0]), jnp.array([0.0, 0.0])])',
     'lax.atan2_p.bind(jnp.array([1.0, -1.0]), jnp.array([0.0, 0.0]))'),
    (BI, 'public func accepts(_ d: DType)', '[DType.bool, .int8, .float32].map { BinaryOp.and.accepts($0) }',
     Printed('[true, true, false]')),
    (BI, 'public func resultDType(_ d: DType)', 'BinaryOp.complex.resultDType(.float32)',
     'lax.complex(jnp.float32(1), jnp.float32(2)).dtype'),
    (BI, 'public enum CompareOp', 'bind1(.compare(.lt), [jnp.array([1, 5]), jnp.array([3, 2])])',
     'lax.lt_p.bind(jnp.array([1, 5]), jnp.array([3, 2]))'),
    (EW, 'public enum ReduceOp', f'bind1(.reduce(.max, axes: [1]), [{M22}])', f'lax.reduce_max_p.bind({M22}, axes=(1,))'),
    (EW, 'public enum ArgReduceOp', f'bind1(.argReduce(.argmax, axis: 0, indexDType: .int32), [{M22}])',
     f'lax.argmax_p.bind({M22}, axes=(0,), index_dtype=jnp.int32)'),
    (EW, 'public enum CumulativeOp', 'bind1(.cumulative(.sum, axis: 0, reverse: true), [jnp.array([1, 2, 3])])',
     'lax.cumsum_p.bind(jnp.array([1, 2, 3]), axis=0, reverse=True)'),
    (EW, 'public enum DTypeClass', 'DTypeClass.inexact.contains(.complex64)',
     'str(jnp.issubdtype(jnp.complex64, jnp.inexact)).lower()'),
    (EW, 'public func contains(_ d: DType)', '[DType.int8, .uint8, .float32].filter { DTypeClass.signed.contains($0) }.count',
     'len([d for d in (jnp.int8, jnp.uint8, jnp.float32) if jnp.issubdtype(d, jnp.signedinteger) or jnp.issubdtype(d, jnp.inexact)])'),
    (CP, 'public init(_ low: Int, _ high: Int)',
     f'let window = WindowParams(windowDimensions: [2], windowStrides: [1], padding: [WindowPadding(1, 0)])\n'
     f'bind1(.reduceWindow(.max, window), [{W3}])', MAXPOOL_PY),
    (CP, 'public func pads(inShape:', 'PaddingSpec.same.pads(inShape: [5], window: [3], strides: [2])',
     "lax.padtype_to_pads((5,), (3,), (2,), 'SAME')"),
    (CP, 'public static func canonical(rank: Int)', 'ConvDimensionNumbers.canonical(rank: 4).rhsSpec',
     'list(lax.conv_dimension_numbers((1, 1, 1, 1), (1, 1, 1, 1), None).rhs_spec)'),
    (CP, 'public init(windowStrides: [Int], padding: [WindowPadding], lhsDilation',
     'let params = ConvParams(windowStrides: [1], padding: [WindowPadding(0, 0)], lhsDilation: [1], rhsDilation: [1],\n'
     '                        dimensionNumbers: .canonical(rank: 3))\n'
     'bind1(.convGeneralDilated(params), [jnp.arange(5, dtype: .float32).reshape(1, 1, 5), jnp.ones([1, 1, 2])])',
     'lax.conv_general_dilated(jnp.arange(5.0).reshape(1, 1, 5), jnp.ones((1, 1, 2)), (1,), [(0, 0)])'),
    (CP, 'public enum ReduceWindowOp',
     f'let window = WindowParams(windowDimensions: [2], windowStrides: [1], padding: [WindowPadding(0, 0)])\n'
     f'bind1(.reduceWindow(.sum, window), [{W3}])',
     f'lax.reduce_window({W3}, 0.0, lax.add, (2,), (1,), ((0, 0),))'),
    (CP, 'public init(windowDimensions:',
     f'let window = WindowParams(windowDimensions: [2], windowStrides: [1], padding: [WindowPadding(1, 0)])\n'
     f'bind1(.reduceWindow(.max, window), [{W3}])', MAXPOOL_PY),
    ('SwiftJAX/Primitives/ControlFlowParams.swift', 'public struct CondParams',
     f'let staged = makeJaxpr({{ xs in [Lax.cond(xs[0] > 0, {{ x in x }}, {{ x in -x }}, xs[0])] }}, {SCALAR_AVAL})\n'
     'guard case .cond(let params) = staged.jaxpr.equations.last!.primitive else { fatalError() }\nparams.branches.count',
     "len(jax.make_jaxpr(lambda x: lax.cond(x > 0, lambda: x, lambda: -x))(1.0).eqns[-1].params['branches'])"),
    (IR, 'public struct Literal',
     'let x = Var(ShapedArray(shape: [], dtype: .float32)), y = Var(ShapedArray(shape: [], dtype: .float32))\n'
     'let three = Atom.literal(Literal(jnp.array(Float(3)).concrete!))\n'
     'let times3 = Jaxpr(constVars: [], inVars: [x], equations: [Equation(.binary(.mul), [.v(x), three], [y])], outputs: [.v(y)])\n'
     'evalJaxpr(times3, consts: [], args: [jnp.array(Float(2))])[0]',
     'c = jax.make_jaxpr(lambda x: x * 3.0)(jnp.float32(0))\njax.core.eval_jaxpr(c.jaxpr, c.consts, jnp.float32(2))[0]'),
    (IR, 'public init(_ value: ConcreteArray)', 'Literal(jnp.array([1, 2, 3]).concrete!).aval.shape',
     'list(jnp.array([1, 2, 3]).shape)'),
    ('SwiftJAX/Compiler/Toolchain/CompilationCache.swift', 'public struct Statistics',
     'func programs() -> Int { let s = CompilationCache.statistics; return s.compiles + s.diskHits + s.memoryHits }\n'
     'let before = programs()\n_ = jit { (x: Tensor) in x * 41 + 1 }(jnp.array(1.0))\nprograms() > before',
     Printed('true')),
    ('SwiftJAX/Primitives/Primitive+Custom.swift', 'public enum Kind: Sendable',
     'let double = CustomJVP { (x: Tensor) in x * 2 }\ndouble.defjvp { p, t in (double(p), 2 * t) }\n'
     f'let staged = makeJaxpr({{ xs in [double(xs[0])] }}, {SCALAR_AVAL})\n'
     'guard case .custom(let call) = staged.jaxpr.equations[0].primitive else { fatalError() }\ncall.primitiveName',
     'double = jax.custom_jvp(lambda x: x * 2)\ndouble.defjvp(lambda p, t: (double(*p), 2 * t[0]))\n'
     'jax.make_jaxpr(double)(1.0).eqns[0].primitive.name'),
    ('SwiftJAX/Parallel/Collective.swift', 'public enum CollectiveOp',
     'vmap({ (x: Tensor) in Lax.pmax(x, axisName: "i") }, axisName: "i")(jnp.array([1, 5, 2]))',
     "jax.vmap(lambda x: lax.pmax(x, 'i'), axis_name='i')(jnp.array([1, 5, 2]))"),
    # Not Distributed.initialize() itself: the group is process-wide state that
    # DistributedTests, running in parallel, initialises and shuts down.
    ('SwiftJAX/Parallel/Distributed.swift', 'public struct ProcessGroup',
     '// Distributed.initialize() gives process 1 of an `mpirun -np 2` job the group\n'
     '// rank 1, size 2 that its launcher announces:\n'
     'let launcher = Distributed.launcherRankAndSize(["OMPI_COMM_WORLD_RANK": "1", "OMPI_COMM_WORLD_SIZE": "2"])!\n'
     '"process \\(launcher.rank) of \\(launcher.size)"', Printed('process 1 of 2')),
    ('SwiftJAX/Kernels/ThreadPool.swift', 'public init(threads: Int)',
     '[ThreadPool(threads: 3).threadCount, ThreadPool(threads: 0).threadCount]', Printed('[3, 1]')),
]

EXAMPLES += INTERNAL
