// JVP rules for scatter, following jax/_src/lax/slicing.py.

/// The gather that reads back, for every update, the operand window a
/// scatter with `dn` writes to (used by scatter JVPs and transposes).
func inverseGather(_ dn: ScatterDimensionNumbers, operandRank: Int, updatesShape: [Int]) -> (GatherDimensionNumbers, [Int]) {
  let g = GatherDimensionNumbers(
    offsetDims: dn.updateWindowDims, collapsedSliceDims: dn.insertedWindowDims,
    startIndexMap: dn.scatterDimsToOperandDims, operandBatchingDims: dn.operandBatchingDims,
    startIndicesBatchingDims: dn.scatterIndicesBatchingDims)
  var sizes: [Int] = []
  var pos = 0
  for i in 0..<operandRank {
    if dn.insertedWindowDims.contains(i) || dn.operandBatchingDims.contains(i) {
      sizes.append(1)
    } else {
      sizes.append(updatesShape[dn.updateWindowDims[pos]])
      pos += 1
    }
  }
  return (g, sizes)
}

extension Primitive {
  func scatterJVP(
    _ op: ScatterOp, _ dn: ScatterDimensionNumbers, _ mode: GatherMode, _ x: [Tensor], _ t: [Tensor?], site: CallSite?
  ) -> ([Tensor], [Tensor?]) {
    let (operand, indices, updates) = (x[0], x[1], x[2])
    let (tOperand, tUpdates) = (t[0], t[2])
    func scatter(_ o: Tensor, _ u: Tensor, _ op: ScatterOp) -> Tensor {
      Lax.scatter(o, indices, u, op, dimensionNumbers: dn, mode: mode)
    }
    let (gdn, sizes) = inverseGather(dn, operandRank: operand.rank, updatesShape: updates.shape)
    func gather(_ v: Tensor) -> Tensor {
      Lax.gather(v, indices, dimensionNumbers: gdn, sliceSizes: sizes, mode: mode)
    }
    if !operand.dtype.isDifferentiable || (tOperand == nil && tUpdates == nil) {
      return ([bind1(self, x, site: site)], [nil])
    }
    let go = instantiateTangent(tOperand, operand.aval)
    let gu = instantiateTangent(tUpdates, updates.aval)

    switch op {
    case .add:
      return ([bind1(self, x, site: site)], [scatter(go, gu, .add)])

    case .mul:
      let y = bind1(self, x, site: site)
      if tUpdates != nil {
        JAXError.raise(JAXError(
          .unsupported, op.name,
          "scatter_mul gradients with respect to the updates are only implemented for unique indices (as in JAX); "
            + "SwiftJAX's scatter has no unique_indices flag. Compute the product with a different formulation, "
            + "e.g. exp of a scatter-add of logs.", site: site))
        return ([y], [Tensor.invalid])
      }
      return ([y], [scatter(go, updates, .mul)])

    case .set:
      // Overlapping updates: which one wins is unspecified, so (as JAX
      // does) scatter an id per update, gather the winning ids back, mask
      // out the losers and the overwritten operand entries, and finish
      // with scatter-adds (whose transpose is a gather).
      var idsShape = updates.shape
      for d in dn.updateWindowDims { idsShape[d] = 1 }
      let numIds = idsShape.reduce(1, *)
      let ids1 = Lax.add(Lax.iota(.int32, shape: [numIds]), adScalar(1, .int32))
      let updateIds = Lax.broadcastInDim(
        Lax.reshape(ids1, idsShape), shape: updates.shape, broadcastDimensions: Array(0..<updates.rank))
      let scatteredIds = Lax.scatter(
        adZeros(ShapedArray(shape: operand.shape, dtype: .int32)), indices, updateIds, .set, dimensionNumbers: dn, mode: mode)
      let gatheredIds = gather(scatteredIds)
      let keepOperand = Lax.eq(scatteredIds, adScalar(0, .int32))
      let keepUpdate = Lax.eq(updateIds, gatheredIds)
      let zo = adZeros(operand.aval), zu = adZeros(updates.aval)
      let val = scatter(Lax.select(keepOperand, operand, zo), Lax.select(keepUpdate, updates, zu), .add)
      let tan = scatter(Lax.select(keepOperand, go, zo), Lax.select(keepUpdate, gu, zu), .add)
      return ([val], [tan])

    case .min, .max:
      // JAX's _scatter_extremal_jvp: contending values share the tangent.
      let y = bind1(self, x, site: site)
      let initial = gather(operand)
      let target = gather(y)
      let successful = Lax.eq(updates, target)
      let retained = Lax.eq(initial, target)
      let onesU = adFull(1, updates.aval), zerosU = adZeros(updates.aval)
      let zerosO = adZeros(operand.aval)
      let numUpdates = gather(scatter(zerosO, Lax.select(successful, onesU, zerosU), .add))
      let numRefs = gather(scatter(zerosO, onesU, .add))
      let one = adConst(updates, 1)
      let updatesNormalizer = Lax.select(
        retained, Lax.div(one, Lax.add(numUpdates, one)), Lax.div(one, numUpdates))
      let updatesCoef = Lax.select(successful, updatesNormalizer, zerosU)
      let operandNormalizer = Lax.select(retained, Lax.div(one, Lax.add(numUpdates, one)), zerosU)
      let operandCoef = Lax.div(Lax.add(adConst(updates, -1), operandNormalizer), numRefs)
      let tangentUpdates = Lax.add(Lax.mul(gather(go), operandCoef), Lax.mul(gu, updatesCoef))
      return ([y], [scatter(go, tangentUpdates, .add)])
    }
  }
}
