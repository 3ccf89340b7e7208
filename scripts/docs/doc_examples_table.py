"""The table of documentation examples that scripts/gen_doc_examples.py
checks against JAX and writes into the sources' `///` comments.

Each entry: (source file under Sources/, the start of the
declaration line, the Swift example, the same in Python). The Swift example
is one expression, or statements whose last line is the expression printed.
The Python side (statements, then the expression whose `str()` is the
expected printout) runs with `jnp`, `lax`, `jax`, `np` and `optax` in scope (the pinned venv
of scripts/python-env.sh; pooling is written with `lax.reduce_window` as
Flax does, so Flax is not needed).
An example in SwiftJAXOptim is tested in SwiftJAXOptimTests, one in
SwiftJAX in SwiftJAXUserTests. A fifth element 'approx' marks an example
whose SwiftJAX output agrees with JAX's to float32 rounding but not in
the printed last digit (XLA's polynomial approximations of the
transcendental functions differ from SwiftJAX's: issue 18 part 3); its
doc comment shows JAX's printout after `≈` and its test compares values
(rtol 1e-5).
A Python side of None makes a usage example: its test only runs it.
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
