import Foundation

/// Reads XGBoost's JSON model format (`Booster.save_model("m.json")`, format of XGBoost 1.0 to
/// 3.x): a `gbtree` booster of scalar trees for one target. Thresholds and leaves are float32
/// in the file and stay float32; the base score is turned into margin space as XGBoost does
/// (its logit in float32, glibc's logf, for the logistic objectives).
public enum XGBoostModel {
  /// Objectives whose prediction is the margin itself.
  static let identityObjectives: Set<String> = [
    "reg:squarederror", "reg:linear", "reg:absoluteerror", "reg:pseudohubererror", "binary:logitraw",
    "reg:squaredlogerror", "reg:quantileerror",
  ]
  /// Objectives whose prediction is the float32 sigmoid of the margin.
  static let logisticObjectives: Set<String> = ["binary:logistic", "reg:logistic"]

  public static func load(_ bytes: [UInt8]) throws(ModelFileError) -> TreeEnsemble {
    let bytes = ModelJSON.droppingByteOrderMark(bytes)
    if bytes.first == UInt8(ascii: "{") || bytes.first.map({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) == true {
      return try read(ModelJSON.parse(bytes))
    }
    throw ModelFileError("not XGBoost's JSON model format (UBJSON or the old binary format?); save it with `booster.save_model(\"model.json\")`")
  }

  static func read(_ root: ModelJSON) throws(ModelFileError) -> TreeEnsemble {
    guard let learner = root["learner"] else { throw ModelFileError("no `learner` object: not an XGBoost JSON model") }
    let params = learner["learner_model_param"]
    let booster = learner["gradient_booster"]
    let boosterName = try text(booster?["name"], "learner.gradient_booster.name")
    guard boosterName == "gbtree" else {
      throw ModelFileError("booster `\(boosterName)` is not supported: only `gbtree` (dart weights its trees, gblinear has none)")
    }
    let objective = try text(learner["objective"]?["name"], "learner.objective.name")
    let transform: TreeEnsemble.Transform
    if logisticObjectives.contains(objective) {
      transform = .xgboostSigmoid
    } else if identityObjectives.contains(objective) {
      transform = .identity
    } else {
      throw ModelFileError("objective `\(objective)` is not supported: binary:logistic, reg:logistic, binary:logitraw and the reg: objectives whose prediction is the margin are")
    }
    for key in ["num_class", "num_target"] {
      if let n = try optionalInt(params?[key], "learner_model_param.\(key)"), n > 1 {
        throw ModelFileError("the model predicts \(n) values (`\(key)` = \(n)); a strategy's model is one number")
      }
    }
    let featureCount = try integer(params?["num_feature"], "learner_model_param.num_feature")
    guard featureCount >= 1, featureCount <= 65_536 else { throw ModelFileError("`num_feature` is \(featureCount); 1 to 65,536 are accepted") }
    let names = try featureNames(learner, count: featureCount)
    let base = try baseScore(params?["base_score"])
    let margin = transform == .xgboostSigmoid ? try logit(base) : base
    guard case .array(let treeValues)? = booster?["model"]?["trees"] else {
      throw ModelFileError("no `learner.gradient_booster.model.trees` array")
    }
    if let declared = try optionalInt(booster?["model"]?["gbtree_model_param"]?["num_trees"], "gbtree_model_param.num_trees"),
      declared != treeValues.count
    {
      throw ModelFileError("`num_trees` is \(declared) but the file has \(treeValues.count) trees: the file is damaged")
    }
    var trees: [TreeEnsemble.Node] = []
    var nodes = 0
    for (k, value) in treeValues.enumerated() {
      let tree = try XGBoostTree.read(value, index: k, featureCount: featureCount)
      nodes += tree.nodeCount
      guard nodes <= TreeEnsemble.maximumNodes else {
        throw ModelFileError("the model has more than \(TreeEnsemble.maximumNodes) nodes")
      }
      trees.append(tree)
    }
    return TreeEnsemble(
      library: .xgboost, featureNames: names, featureCount: featureCount, trees: trees,
      baseMargin: Double(margin), transform: transform, objective: objective)
  }

  /// XGBoost 2 and later write the base score as text, "[5E-1]" (a vector) or "5E-1".
  static func baseScore(_ value: ModelJSON?) throws(ModelFileError) -> Float {
    let raw = try text(value, "learner_model_param.base_score")
    let inner = raw.hasPrefix("[") && raw.hasSuffix("]") ? String(raw.dropFirst().dropLast()) : raw
    guard !inner.contains(","), let score = Float(inner), score.isFinite else {
      throw ModelFileError("base_score `\(raw)` is not one finite number")
    }
    return score
  }

  /// XGBoost's margin of a logistic base score: p clamped to [kRtEps, 1 − kRtEps] (1e-6 in
  /// float32), then its Logit −logf(1 ÷ p − 1), in float32.
  static func logit(_ p: Float) throws(ModelFileError) -> Float {
    guard p >= 0, p <= 1 else { throw ModelFileError("base_score \(p) of a logistic objective is not in [0, 1]") }
    let eps: Float = 1e-6
    let clamped = min(max(p, eps), 1 - eps)
    return -logf(1 / clamped - 1)
  }

  static func featureNames(_ learner: ModelJSON, count: Int) throws(ModelFileError) -> [String] {
    if case .array(let types)? = learner["feature_types"] {
      for (i, t) in types.enumerated() where t == .string("c") {
        throw ModelFileError("feature \(i + 1) is categorical; categorical splits are not supported")
      }
    }
    guard case .array(let values)? = learner["feature_names"], !values.isEmpty else { return [] }
    let names = values.compactMap { v -> String? in if case .string(let s) = v { return s } else { return nil } }
    guard names.count == count, Set(names).count == count else {
      throw ModelFileError("`feature_names` lists \(values.count) names for \(count) features, or repeats one")
    }
    return names
  }

  static func text(_ value: ModelJSON?, _ what: String) throws(ModelFileError) -> String {
    guard case .string(let s)? = value else { throw ModelFileError("`\(what)` is missing or not a string") }
    return s
  }

  static func optionalInt(_ value: ModelJSON?, _ what: String) throws(ModelFileError) -> Int? {
    guard let value else { return nil }
    return try integer(value, what)
  }

  /// An integer written as a JSON number or, as XGBoost writes its parameters, as text.
  static func integer(_ value: ModelJSON?, _ what: String) throws(ModelFileError) -> Int {
    switch value {
    case .string(let s)?, .number(let s)?:
      guard let n = Int(s) else { throw ModelFileError("`\(what)` is `\(s)`, not an integer") }
      return n
    default: throw ModelFileError("`\(what)` is missing or not an integer")
    }
  }
}

/// One tree of the JSON format: parallel arrays indexed by node, node 0 the root, a leaf where
/// `left_children` is −1 (its value in `split_conditions`).
enum XGBoostTree {
  static func read(_ tree: ModelJSON, index k: Int, featureCount: Int) throws(ModelFileError) -> TreeEnsemble.Node {
    let what = "tree \(k)"
    let left = try ints(tree["left_children"], "\(what): left_children")
    let right = try ints(tree["right_children"], "\(what): right_children")
    let feature = try ints(tree["split_indices"], "\(what): split_indices")
    let condition = try floats(tree["split_conditions"], "\(what): split_conditions")
    let defaultLeft = try ints(tree["default_left"], "\(what): default_left", booleans: true)
    let n = left.count
    guard n >= 1, [right.count, feature.count, condition.count, defaultLeft.count].allSatisfy({ $0 == n }) else {
      throw ModelFileError("\(what): its node arrays have different lengths or are empty")
    }
    if case .array(let types)? = tree["split_type"], types.contains(where: { $0 != .number("0") }) {
      throw ModelFileError("\(what) has a categorical split; categorical splits are not supported")
    }
    var visited = [Bool](repeating: false, count: n)
    func node(_ i: Int, depth: Int) throws(ModelFileError) -> TreeEnsemble.Node {
      guard i >= 0, i < n, !visited[i] else { throw ModelFileError("\(what): node \(i) is out of range or reached twice") }
      guard depth <= TreeEnsemble.maximumDepth else { throw ModelFileError("\(what) is deeper than \(TreeEnsemble.maximumDepth)") }
      visited[i] = true
      if left[i] == -1 { return .leaf(Double(condition[i])) }
      guard feature[i] >= 0, feature[i] < featureCount else {
        throw ModelFileError("\(what): node \(i) splits on feature \(feature[i]) of \(featureCount)")
      }
      guard !condition[i].isNaN else { throw ModelFileError("\(what): node \(i) has a NaN threshold") }
      return .split(
        feature: feature[i], threshold: Double(condition[i]), missing: .nan(defaultLeft: defaultLeft[i] != 0),
        left: try node(left[i], depth: depth + 1), right: try node(right[i], depth: depth + 1))
    }
    return try node(0, depth: 0)
  }

  static func ints(_ value: ModelJSON?, _ what: String, booleans: Bool = false) throws(ModelFileError) -> [Int] {
    guard case .array(let items)? = value else { throw ModelFileError("`\(what)` is missing or not an array") }
    var out: [Int] = []
    out.reserveCapacity(items.count)
    for item in items {
      switch item {
      case .number(let s):
        guard let v = Int(s), v >= -1, v <= Int(Int32.max) else { throw ModelFileError("`\(what)` holds `\(s)`, not a node index") }
        out.append(v)
      case .bool(let b) where booleans: out.append(b ? 1 : 0)
      default: throw ModelFileError("`\(what)` holds something other than an integer")
      }
    }
    return out
  }

  /// Float32 values read from their decimal text (correctly rounded, as XGBoost wrote them).
  static func floats(_ value: ModelJSON?, _ what: String) throws(ModelFileError) -> [Float] {
    guard case .array(let items)? = value else { throw ModelFileError("`\(what)` is missing or not an array") }
    var out: [Float] = []
    out.reserveCapacity(items.count)
    for item in items {
      guard case .number(let s) = item, let v = Float(s), v.isFinite else {
        throw ModelFileError("`\(what)` holds something other than a finite number")
      }
      out.append(v)
    }
    return out
  }
}
