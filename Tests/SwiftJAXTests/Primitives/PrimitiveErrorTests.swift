import Testing
@testable import SwiftJAX

/// Shape, dtype, axis and index errors: observable without the process
/// dying, naming the operation and the offending shapes. Only the shape
/// rules run (a failing primitive never reaches its kernel).
@Suite struct PrimitiveErrorTests {
  /// A zero-filled concrete tensor (no kernel involved).
  func zeros(_ shape: [Int], _ dtype: DType = .float32) -> Tensor {
    let a = ConcreteArray(uninitialized: ShapedArray(shape: shape, dtype: dtype))
    for i in 0..<a.count { a.setElement(i, .int(0)) }
    return Tensor(value: a)
  }

  /// Runs `body` in a capture scope and checks the error it raises.
  func expectError(
    _ kind: JAXError.Kind, operation: String, mentions: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void
  ) {
    do {
      try JAXError.capture { body() }
      Issue.record("expected a \(kind) error from \(operation), got none", sourceLocation: sourceLocation)
    } catch let e as JAXError {
      #expect(e.kind == kind, "kind of: \(e)", sourceLocation: sourceLocation)
      #expect(e.operation == operation, "operation of: \(e)", sourceLocation: sourceLocation)
      #expect(e.description.hasPrefix("\(operation): "), sourceLocation: sourceLocation)
      for m in mentions {
        #expect(e.message.contains(m), "message should mention \(m): \(e.message)", sourceLocation: sourceLocation)
      }
      #expect(e.site != nil, "error should carry a call site", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func mismatchedShapes() {
    expectError(.shape, operation: "add", mentions: ["(2, 3)", "(4,)"]) {
      _ = bind(.binary(.add), [zeros([2, 3]), zeros([4])])
    }
    expectError(.shape, operation: "lt", mentions: ["(3,)", "(2,)"]) {
      _ = bind(.compare(.lt), [zeros([3]), zeros([2])])
    }
  }

  @Test func dtypeMismatch() {
    expectError(.dtype, operation: "mul", mentions: ["float32", "int32"]) {
      _ = bind(.binary(.mul), [zeros([2]), zeros([2], .int32)])
    }
    expectError(.dtype, operation: "exp", mentions: ["int32"]) {
      _ = bind(.unary(.exp), [zeros([2], .int32)])
    }
    expectError(.dtype, operation: "shift_left", mentions: ["float32"]) {
      _ = bind(.binary(.shiftLeft), [zeros([2]), zeros([2])])
    }
  }

  @Test func badReductionAxis() {
    expectError(.axis, operation: "reduce_sum", mentions: ["3", "rank 2"]) {
      _ = bind(.reduce(.sum, axes: [3]), [zeros([2, 3])])
    }
    expectError(.axis, operation: "reduce_max", mentions: ["-1"]) {
      _ = bind(.reduce(.max, axes: [-1]), [zeros([2, 3])])
    }
    expectError(.axis, operation: "argmax", mentions: ["2"]) {
      _ = bind(.argReduce(.argmax, axis: 2, indexDType: .int32), [zeros([2, 3])])
    }
    expectError(.axis, operation: "cumsum", mentions: ["1"]) {
      _ = bind(.cumulative(.sum, axis: 1, reverse: false), [zeros([4])])
    }
  }

  @Test func argmaxOfEmptyAxis() {
    expectError(.shape, operation: "argmin", mentions: ["(0, 3)"]) {
      _ = bind(.argReduce(.argmin, axis: 0, indexDType: .int32), [zeros([0, 3])])
    }
  }

  @Test func dotGeneralContractingMismatch() {
    let dn = DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0])
    expectError(.shape, operation: "dot_general", mentions: ["(2, 3)", "(4, 5)"]) {
      _ = bind(.dotGeneral(dn, preferredElementType: nil), [zeros([2, 3]), zeros([4, 5])])
    }
    let batch = DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1], lhsBatch: [0], rhsBatch: [0])
    expectError(.shape, operation: "dot_general", mentions: ["(2, 3, 4)", "(3, 4, 5)"]) {
      _ = bind(.dotGeneral(batch, preferredElementType: nil), [zeros([2, 3, 4]), zeros([3, 4, 5])])
    }
    expectError(.axis, operation: "dot_general", mentions: ["[2]"]) {
      _ = bind(.dotGeneral(DotDimensionNumbers(lhsContracting: [2], rhsContracting: [0]), preferredElementType: nil),
               [zeros([2, 3]), zeros([3, 5])])
    }
  }

  @Test func reshapeSizeMismatch() {
    expectError(.shape, operation: "reshape", mentions: ["(2, 3)", "(4, 2)"]) {
      _ = bind(.reshape(newSizes: [4, 2]), [zeros([2, 3])])
    }
  }

  @Test func outOfRangeStaticSlice() {
    expectError(.index, operation: "slice", mentions: ["(5,)"]) {
      _ = bind(.slice(start: [2], limit: [7], strides: nil), [zeros([5])])
    }
    expectError(.index, operation: "slice", mentions: ["(5, 6)"]) {
      _ = bind(.slice(start: [0, 4], limit: [5, 3], strides: nil), [zeros([5, 6])])
    }
    expectError(.index, operation: "slice", mentions: ["(5,)"]) {
      _ = bind(.slice(start: [-1], limit: [3], strides: nil), [zeros([5])])
    }
  }

  @Test func concatenateMismatch() {
    expectError(.shape, operation: "concatenate", mentions: ["(2, 3)", "(3, 4)"]) {
      _ = bind(.concatenate(dimension: 1), [zeros([2, 3]), zeros([3, 4])])
    }
    expectError(.dtype, operation: "concatenate", mentions: ["float32", "int32"]) {
      _ = bind(.concatenate(dimension: 0), [zeros([2]), zeros([2], .int32)])
    }
  }

  @Test func transposeBadPermutation() {
    expectError(.axis, operation: "transpose", mentions: ["[0, 0]", "(2, 3)"]) {
      _ = bind(.transpose(permutation: [0, 0]), [zeros([2, 3])])
    }
    expectError(.axis, operation: "transpose", mentions: ["[1, 0, 2]"]) {
      _ = bind(.transpose(permutation: [1, 0, 2]), [zeros([2, 3])])
    }
  }

  @Test func moreShapeErrors() {
    expectError(.shape, operation: "broadcast_in_dim", mentions: ["(3,)", "(2, 4)"]) {
      _ = bind(.broadcastInDim(shape: [2, 4], broadcastDimensions: [1]), [zeros([3])])
    }
    expectError(.shape, operation: "squeeze", mentions: ["(2, 3)"]) {
      _ = bind(.squeeze(dimensions: [0]), [zeros([2, 3])])
    }
    expectError(.shape, operation: "dynamic_slice", mentions: ["(3,)"]) {
      _ = bind(.dynamicSlice(sliceSizes: [4]), [zeros([3]), zeros([], .int32)])
    }
    expectError(.index, operation: "dynamic_slice") {
      _ = bind(.dynamicSlice(sliceSizes: [2]), [zeros([3]), zeros([], .float32)])
    }
    expectError(.shape, operation: "select_n", mentions: ["(2,)", "(3,)"]) {
      _ = bind(.selectN, [zeros([2], .bool), zeros([3]), zeros([3])])
    }
    expectError(.value, operation: "pad") {
      _ = bind(.pad(config: [PadConfig(low: 0, high: 0, interior: -1)]), [zeros([3]), zeros([])])
    }
    expectError(.shape, operation: "gather", mentions: ["2"]) {
      let dn = GatherDimensionNumbers(offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0])
      _ = bind(.gather(dn, sliceSizes: [1, 4], mode: .clip, fillValue: nil), [zeros([3, 4]), zeros([2, 2], .int32)])
    }
    expectError(.dtype, operation: "scatter-add", mentions: ["int32", "float32"]) {
      let dn = ScatterDimensionNumbers(updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0])
      _ = bind(.scatter(.add, dn, mode: .fillOrDrop), [zeros([3, 4]), zeros([2, 1], .int32), zeros([2, 4], .int32)])
    }
    expectError(.value, operation: "sort") {
      _ = bind(.sort(dimension: 0, isStable: true, numKeys: 3), [zeros([3]), zeros([3])])
    }
    expectError(.axis, operation: "iota") {
      _ = bind(.iota(dtype: .int32, shape: [3], dimension: 1), [])
    }
  }

  /// After the first error, operations on the invalid result do no work and
  /// raise nothing more; the first error is the one reported.
  @Test func firstErrorWinsAndInvalidPropagates() {
    expectError(.shape, operation: "add", mentions: ["(2, 3)", "(4,)"]) {
      let bad = bind1(.binary(.add), [zeros([2, 3]), zeros([4])])
      #expect(bad.isInvalid)
      let next = bind1(.unary(.exp), [bad])
      #expect(next.isInvalid)
      _ = bind(.reshape(newSizes: [7]), [zeros([2, 3])])
    }
  }
}

/// Operators cannot take `#fileID`; their errors must not point at
/// SwiftJAX's own source but at the user's capture scope.
@Suite struct OperatorErrorSiteTests {
  @Test func operatorErrorNamesTheCaptureScope() {
    let line: UInt = #line + 2
    do {
      try JAXError.capture { _ = jnp.ones([2, 3]) + jnp.ones([4]) }
      Issue.record("expected a shape error")
    } catch let e as JAXError {
      #expect(e.operation == "add")
      #expect(e.site?.file.hasSuffix("PrimitiveErrorTests.swift") == true, "\(String(describing: e.site))")
      #expect(e.site?.line == line)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func namedFunctionErrorNamesItsLine() {
    let line: UInt = #line + 3
    do {
      try JAXError.capture {
        _ = jnp.add(jnp.ones([2, 3]), jnp.ones([4]))
      }
      Issue.record("expected a shape error")
    } catch let e as JAXError {
      #expect(e.site?.file.hasSuffix("PrimitiveErrorTests.swift") == true, "\(String(describing: e.site))")
      #expect(e.site?.line == line)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}
