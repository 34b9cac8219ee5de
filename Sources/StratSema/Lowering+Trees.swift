import StratIR
import StratModels

/// A trained tree ensemble as straight-line code, in its library's arithmetic: each tree a nest
/// of selects over its splits (no branches, so every backend and the HLS kernel see the same
/// dataflow), the trees summed in file order from the base margin, then the objective's
/// transform. XGBoost computes in float32: its features, each sum and its sigmoid are rounded
/// with `f32`, and its thresholds and leaves are float32 constants. `TreeEnsemble.predict` is
/// the same computation in Swift, the reference the tests hold this to.
extension Lowering {
  mutating func lowerTrees(_ model: LoadedModel, features: [ValueID]) -> ValueID {
    guard let e = model.ensemble else { return lowerNetwork(model.network!, margin: model.margin, features: features) }
    let inputs = features.map { e.isFloat32 ? builder.emit(.f32, .f64, [$0]) : $0 }
    var sum = builder.constant(.f64(e.baseMargin))
    for tree in e.trees {
      sum = builder.emit(.fadd, .f64, [sum, lowerTree(tree, inputs, e.comparison)])
      if e.isFloat32 { sum = builder.emit(.f32, .f64, [sum]) }
    }
    return model.margin ? sum : lowerTransform(e.transform, sum)
  }

  mutating func lowerTree(_ node: TreeEnsemble.Node, _ inputs: [ValueID], _ comparison: TreeEnsemble.Comparison) -> ValueID {
    switch node {
    case .leaf(let v): return builder.constant(.f64(v))
    case .split(let f, let t, let missing, let left, let right):
      let goesLeft = lowerSplit(inputs[f], t, missing, comparison)
      let l = lowerTree(left, inputs, comparison)
      let r = lowerTree(right, inputs, comparison)
      return builder.emit(.select, .f64, [goesLeft, l, r])
    }
  }

  /// `TreeEnsemble.goesLeft` as IR. Comparisons with NaN are false, so "below, or NaN" is one
  /// negated comparison: not(x ≥ t) for `<`, not(x > t) for `<=`; `x != x` tests for NaN.
  mutating func lowerSplit(
    _ x: ValueID, _ t: Double, _ missing: TreeEnsemble.Missing, _ comparison: TreeEnsemble.Comparison
  ) -> ValueID {
    let threshold = builder.constant(.f64(t))
    let below = builder.emit(comparison == .less ? .flt : .fle, .bool, [x, threshold])
    func belowOrNaN() -> ValueID {
      builder.emit(.not, .bool, [builder.emit(comparison == .less ? .fge : .fgt, .bool, [x, threshold])])
    }
    switch missing {
    case .nan(let left):
      return left ? belowOrNaN() : below
    case .nanAsZero:
      let zeroGoesLeft = comparison == .less ? 0 < t : 0 <= t
      return zeroGoesLeft ? belowOrNaN() : below
    case .zeroOrNaN(let left):
      let isNaN = builder.emit(.fne, .bool, [x, x])
      let z = TreeEnsemble.zeroThreshold
      let above = builder.emit(.fge, .bool, [x, builder.constant(.f64(-z))])
      let under = builder.emit(.fle, .bool, [x, builder.constant(.f64(z))])
      let zero = builder.emit(.or, .bool, [builder.emit(.and, .bool, [above, under]), isNaN])
      if left { return builder.emit(.or, .bool, [zero, below]) }
      return builder.emit(.and, .bool, [builder.emit(.not, .bool, [zero]), below])
    }
  }

  /// A network as `NeuralNetwork.predict` computes it: each neuron ((b + w₁·x₁) + w₂·x₂) + …
  /// in double, then its activation.
  mutating func lowerNetwork(_ network: NeuralNetwork, margin: Bool, features: [ValueID]) -> ValueID {
    var values = features
    let zero = builder.constant(.f64(0))
    let one = builder.constant(.f64(1))
    for (k, layer) in network.layers.enumerated() {
      values = zip(layer.weights, layer.bias).map { weights, bias in
        var s = builder.constant(.f64(bias))
        for (w, x) in zip(weights, values) {
          s = builder.emit(.fadd, .f64, [s, builder.emit(.fmul, .f64, [builder.constant(.f64(w)), x])])
        }
        if margin && k == network.layers.count - 1 { return s }
        switch layer.activation {
        case .identity: return s
        case .relu: return builder.emit(.select, .f64, [builder.emit(.fgt, .bool, [s, zero]), s, zero])
        case .sigmoid:
          let e = builder.emit(.exp, .f64, [builder.emit(.fneg, .f64, [s])])
          return builder.emit(.fdiv, .f64, [one, builder.emit(.fadd, .f64, [one, e])])
        }
      }
    }
    return values[0]
  }

  mutating func lowerTransform(_ transform: TreeEnsemble.Transform, _ x: ValueID) -> ValueID {
    let one = builder.constant(.f64(1))
    switch transform {
    case .identity:
      return x
    case .xgboostSigmoid:
      // 1.0f / (expf(std::min(-x, 88.7f)) + 1.0f + 1e-16f), each operation in float32.
      let negated = builder.emit(.fneg, .f64, [x])
      let cap = builder.constant(.f64(Double(Float(88.7))))
      let capped = builder.emit(.select, .f64, [builder.emit(.flt, .bool, [cap, negated]), cap, negated])
      let e = builder.emit(.expf, .f64, [capped])
      let d = builder.emit(.f32, .f64, [builder.emit(.fadd, .f64, [e, one])])
      let eps = builder.constant(.f64(Double(Float(1e-16))))
      let denominator = builder.emit(.f32, .f64, [builder.emit(.fadd, .f64, [d, eps])])
      return builder.emit(.f32, .f64, [builder.emit(.fdiv, .f64, [one, denominator])])
    case .lightgbmSigmoid(let scale):
      // 1.0f / (1.0f + std::exp(-sigmoid * x)), in double.
      let t = builder.emit(.fmul, .f64, [builder.constant(.f64(-scale)), x])
      let denominator = builder.emit(.fadd, .f64, [one, builder.emit(.exp, .f64, [t])])
      return builder.emit(.fdiv, .f64, [one, denominator])
    }
  }
}
