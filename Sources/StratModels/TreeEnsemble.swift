import Foundation

/// A trained tree ensemble as its library evaluates it, read from the library's own file and
/// compiled into the strategy's IR (StratSema's Lowering+Trees): no model interpreter at run
/// time. Everything a prediction's bits depend on is here: the arithmetic, the comparison,
/// where a missing value goes, the base margin, the summation order (trees in file order,
/// starting from the base margin) and the transform.
public struct TreeEnsemble: Sendable, Equatable {
  /// The library whose semantics the ensemble keeps.
  public enum Library: String, Sendable { case xgboost, lightgbm }

  /// What a split does with a feature value: goes left when `value < threshold` (XGBoost, in
  /// float32) or `value <= threshold` (LightGBM, in double), unless the value is missing.
  public enum Comparison: Sendable { case less, lessOrEqual }

  /// Where a missing value goes at a split.
  public enum Missing: Sendable, Equatable {
    /// NaN takes the split's default branch (XGBoost; LightGBM's missing type NaN).
    case nan(defaultLeft: Bool)
    /// NaN is compared as 0 (LightGBM's missing type None).
    case nanAsZero
    /// NaN and |value| ≤ 1e-35 take the default branch (LightGBM's missing type Zero).
    case zeroOrNaN(defaultLeft: Bool)
  }

  public indirect enum Node: Sendable, Equatable {
    case leaf(Double)
    case split(feature: Int, threshold: Double, missing: Missing, left: Node, right: Node)
  }

  /// How the summed margin becomes the prediction.
  public enum Transform: Sendable, Equatable {
    case identity
    /// XGBoost's float32 sigmoid: 1 ÷ (expf(min(−x, 88.7)) + 1).
    case xgboostSigmoid
    /// LightGBM's double sigmoid: 1 ÷ (1 + exp(−scale·x)).
    case lightgbmSigmoid(scale: Double)
  }

  public var library: Library
  /// Feature names in the model's order, empty when the file has none.
  public var featureNames: [String]
  public var featureCount: Int
  public var trees: [Node]
  /// The margin the trees are added to: XGBoost's base score in margin space (float32).
  public var baseMargin: Double
  public var transform: Transform
  /// The objective as the file names it (`binary:logistic`, `binary sigmoid:1`).
  public var objective: String

  public var comparison: Comparison { library == .xgboost ? .less : .lessOrEqual }
  /// True when features, thresholds and the sum are float32 (XGBoost).
  public var isFloat32: Bool { library == .xgboost }

  /// Most nodes one ensemble may have: each becomes two or three IR instructions per step, and
  /// LLVM's time on one straight-line step grows faster than linearly (40,000 nodes took 26 s
  /// to JIT in a debug build), so the limit keeps a compile to seconds.
  public static let maximumNodes = 20_000
  /// Deepest tree accepted.
  public static let maximumDepth = 256

  /// Nodes in all trees.
  public var nodeCount: Int { trees.reduce(0) { $0 + $1.nodeCount } }
}

extension TreeEnsemble.Node {
  public var nodeCount: Int {
    switch self {
    case .leaf: 1
    case .split(_, _, _, let l, let r): 1 + l.nodeCount + r.nodeCount
    }
  }
}

extension TreeEnsemble {
  /// The prediction for one row, in the library's arithmetic: the reference the compiled IR is
  /// tested against (and a reader's statement of the semantics). `margin` skips the transform.
  public func predict(_ row: [Double], margin: Bool = false) -> Double {
    var sum = baseMargin
    for tree in trees {
      let leaf = Self.leaf(tree, row: isFloat32 ? row.map { Double(Float($0)) } : row, comparison: comparison)
      sum = isFloat32 ? Double(Float(sum) + Float(leaf)) : sum + leaf
    }
    guard !margin else { return sum }
    switch transform {
    case .identity: return sum
    case .xgboostSigmoid:
      let x = min(-Float(sum), 88.7 as Float)
      return Double(1 / (expf(x) + 1))
    case .lightgbmSigmoid(let scale): return 1 / (1 + exp(-scale * sum))
    }
  }

  static func leaf(_ node: Node, row: [Double], comparison: Comparison) -> Double {
    var node = node
    while case .split(let f, let t, let missing, let l, let r) = node {
      node = goesLeft(row[f], threshold: t, missing: missing, comparison: comparison) ? l : r
    }
    guard case .leaf(let v) = node else { return .nan }
    return v
  }

  /// The split rule, one place: the lowering emits exactly this.
  public static func goesLeft(_ x: Double, threshold t: Double, missing: Missing, comparison: Comparison) -> Bool {
    let below = comparison == .less ? x < t : x <= t
    switch missing {
    case .nan(let left): return x.isNaN ? left : below
    case .nanAsZero: return x.isNaN ? (comparison == .less ? 0 < t : 0 <= t) : below
    case .zeroOrNaN(let left): return x.isNaN || (x >= -zeroThreshold && x <= zeroThreshold) ? left : below
    }
  }

  /// LightGBM's kZeroThreshold, the float 1e-35f widened.
  public static let zeroThreshold = Double(Float(1e-35))
}
