/// Reads LightGBM's text model format (`Booster.save_model("m.txt")`, version v3 and v4): a
/// header of `key=value` lines, then `Tree=k` sections until `end of trees`. Thresholds and
/// leaves are doubles written to round trip; the shrinkage is already in the leaves; the
/// initial score (boost_from_average) is in the first tree.
public enum LightGBMModel {
  /// Objectives whose prediction is the raw score.
  static let identityObjectives: Set<String> = [
    "regression", "regression_l2", "regression_l1", "huber", "fair", "quantile", "mape",
  ]

  public static func load(_ bytes: [UInt8]) throws(ModelFileError) -> TreeEnsemble {
    // Split on the byte, not on Characters: Swift keeps "\r\n" as one Character.
    let lines = ModelJSON.droppingByteOrderMark(bytes).split(separator: 0x0A, omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    var header: [String: (String, Int)] = [:]
    var sections: [[String: (String, Int)]] = []
    var ended = false
    for (n, raw) in lines.enumerated() {
      let line = raw.hasSuffix("\r") ? Substring(raw.dropLast()) : Substring(raw)
      if line == "end of trees" { ended = true; break }
      if line.hasPrefix("Tree=") { sections.append([:]); continue }
      // `key=value`, or a bare key (`average_output`) that is a flag.
      let eq = line.firstIndex(of: "=") ?? line.endIndex
      let key = String(line[..<eq])
      guard !key.isEmpty else { continue }
      let entry = (eq == line.endIndex ? "" : String(line[line.index(after: eq)...]), n + 1)
      if sections.isEmpty { header[key] = entry } else { sections[sections.count - 1][key] = entry }
    }
    guard header["version"] != nil || lines.first == "tree" else { throw ModelFileError("not LightGBM's text model format: no `tree` header") }
    guard ended else { throw ModelFileError("no `end of trees` line: the file is truncated") }
    return try read(header: header, trees: sections)
  }

  static func read(header: [String: (String, Int)], trees: [[String: (String, Int)]]) throws(ModelFileError) -> TreeEnsemble {
    let classes = try int(header["num_class"], "num_class")
    let perIteration = try int(header["num_tree_per_iteration"], "num_tree_per_iteration")
    guard classes == 1, perIteration == 1 else {
      throw ModelFileError("the model predicts \(max(classes, perIteration)) values per row (multiclass); a strategy's model is one number")
    }
    if header["average_output"] != nil {
      throw ModelFileError("`average_output` (random forest mode) is not supported", line: header["average_output"]?.1)
    }
    let featureCount = try int(header["max_feature_idx"], "max_feature_idx") + 1
    guard featureCount >= 1, featureCount <= 65_536 else { throw ModelFileError("`max_feature_idx` gives \(featureCount) features; 1 to 65,536 are accepted") }
    let names = header["feature_names"].map { $0.0.split(separator: " ").map(String.init) } ?? []
    guard names.isEmpty || names.count == featureCount else {
      throw ModelFileError("`feature_names` lists \(names.count) names for \(featureCount) features", line: header["feature_names"]?.1)
    }
    let (objective, transform) = try objective(header["objective"])
    var nodes = 0
    var out: [TreeEnsemble.Node] = []
    for (k, section) in trees.enumerated() {
      var reader = try LightGBMTree(section, index: k, featureCount: featureCount)
      let tree = try reader.root()
      nodes += tree.nodeCount
      guard nodes <= TreeEnsemble.maximumNodes else { throw ModelFileError("the model has more than \(TreeEnsemble.maximumNodes) nodes") }
      out.append(tree)
    }
    guard !out.isEmpty else { throw ModelFileError("the model has no trees") }
    return TreeEnsemble(
      library: .lightgbm, featureNames: names, featureCount: featureCount, trees: out, baseMargin: 0,
      transform: transform, objective: objective)
  }

  /// `objective=binary sigmoid:1`: the binary objective's prediction is 1 ÷ (1 + exp(−σ·x)).
  static func objective(_ entry: (String, Int)?) throws(ModelFileError) -> (String, TreeEnsemble.Transform) {
    guard let (text, line) = entry else { throw ModelFileError("no `objective` line") }
    let words = text.split(separator: " ")
    let name = words.first.map(String.init) ?? ""
    // reg_sqrt trains on sign(y)·√|y| and predicts its square: not reproduced yet.
    if words.contains("sqrt") {
      throw ModelFileError("objective `\(text)` (reg_sqrt) is not supported", line: line)
    }
    if name == "binary" {
      let sigma = words.first { $0.hasPrefix("sigmoid:") }.flatMap { Double($0.dropFirst("sigmoid:".count)) } ?? 1
      guard sigma.isFinite, sigma > 0 else { throw ModelFileError("sigmoid `\(sigma)` is not a positive number", line: line) }
      return (text, .lightgbmSigmoid(scale: sigma))
    }
    guard identityObjectives.contains(name) else {
      throw ModelFileError("objective `\(text)` is not supported: binary and the regression objectives whose prediction is the raw score are", line: line)
    }
    return (text, .identity)
  }

  static func int(_ entry: (String, Int)?, _ key: String) throws(ModelFileError) -> Int {
    guard let (text, line) = entry else { throw ModelFileError("no `\(key)` line") }
    guard let n = Int(text) else { throw ModelFileError("`\(key)` is `\(text)`, not an integer", line: line) }
    return n
  }
}

/// One `Tree=k` section: internal nodes 0..<num_leaves−1 with parallel arrays; a child ≥ 0 is a
/// node, a child < 0 is leaf ~child.
struct LightGBMTree {
  let what: String
  let leaves: [Double]
  let feature: [Int], threshold: [Double], decision: [Int], left: [Int], right: [Int]
  let lines: [String: Int]
  var visited: [Bool]

  init(_ s: [String: (String, Int)], index k: Int, featureCount: Int) throws(ModelFileError) {
    what = "tree \(k)"
    lines = s.mapValues(\.1)
    let count = try LightGBMModel.int(s["num_leaves"], "num_leaves of tree \(k)")
    guard count >= 1, count <= TreeEnsemble.maximumNodes else { throw ModelFileError("\(what) has \(count) leaves", line: lines["num_leaves"]) }
    if let cats = s["num_cat"], cats.0 != "0" { throw ModelFileError("\(what) has categorical splits, which are not supported", line: cats.1) }
    if let linear = s["is_linear"], linear.0 != "0" { throw ModelFileError("\(what) is a linear tree, which is not supported", line: linear.1) }
    leaves = try Self.numbers(s["leaf_value"], "leaf_value", what, count: count)
    let inner = count - 1
    feature = try Self.integers(s["split_feature"], "split_feature", what, count: inner)
    threshold = try Self.numbers(s["threshold"], "threshold", what, count: inner)
    decision = try Self.integers(s["decision_type"], "decision_type", what, count: inner)
    left = try Self.integers(s["left_child"], "left_child", what, count: inner)
    right = try Self.integers(s["right_child"], "right_child", what, count: inner)
    visited = [Bool](repeating: false, count: inner + count)
    for i in 0..<inner {
      guard feature[i] >= 0, feature[i] < featureCount else {
        throw ModelFileError("\(what): split \(i) is on feature \(feature[i]) of \(featureCount)", line: lines["split_feature"])
      }
      guard decision[i] & 1 == 0 else { throw ModelFileError("\(what): split \(i) is categorical", line: lines["decision_type"]) }
      guard (decision[i] >> 2) & 3 <= 2 else { throw ModelFileError("\(what): split \(i) has an unknown missing type", line: lines["decision_type"]) }
    }
  }

  mutating func root() throws(ModelFileError) -> TreeEnsemble.Node {
    leaves.count == 1 ? .leaf(leaves[0]) : try node(0, depth: 0)
  }

  /// LightGBM's NumericalDecision: the missing type is bits 2–3 of decision_type (0 None,
  /// 1 Zero, 2 NaN), the default direction bit 1.
  mutating func node(_ i: Int, depth: Int) throws(ModelFileError) -> TreeEnsemble.Node {
    let slot = i >= 0 ? i : leaves.count - 1 + ~i
    guard i >= 0 ? i < left.count : ~i < leaves.count, !visited[slot] else {
      throw ModelFileError("\(what): child \(i) is out of range or reached twice", line: lines["left_child"])
    }
    guard depth <= TreeEnsemble.maximumDepth else { throw ModelFileError("\(what) is deeper than \(TreeEnsemble.maximumDepth)") }
    visited[slot] = true
    guard i >= 0 else { return .leaf(leaves[~i]) }
    let defaultLeft = decision[i] & 2 != 0
    let missing: TreeEnsemble.Missing =
      switch (decision[i] >> 2) & 3 {
      case 0: .nanAsZero
      case 1: .zeroOrNaN(defaultLeft: defaultLeft)
      default: .nan(defaultLeft: defaultLeft)
      }
    return .split(
      feature: feature[i], threshold: threshold[i], missing: missing,
      left: try node(left[i], depth: depth + 1), right: try node(right[i], depth: depth + 1))
  }

  /// A line of `count` space-separated integers (node indices, features, decision bits).
  static func integers(_ entry: (String, Int)?, _ key: String, _ what: String, count: Int) throws(ModelFileError) -> [Int] {
    try words(entry, key, what, count: count).map { (w, line) throws(ModelFileError) -> Int in
      guard let v = Int(w), v >= -Int(Int32.max), v <= Int(Int32.max) else { throw ModelFileError("\(what): `\(key)` holds `\(w)`, not an integer", line: line) }
      return v
    }
  }

  static func words(_ entry: (String, Int)?, _ key: String, _ what: String, count: Int) throws(ModelFileError) -> [(Substring, Int)] {
    guard let (text, line) = entry else {
      if count == 0 { return [] }
      throw ModelFileError("\(what) has no `\(key)` line")
    }
    let words = text.split(separator: " ")
    guard words.count == count else { throw ModelFileError("\(what): `\(key)` has \(words.count) values, not \(count)", line: line) }
    return words.map { ($0, line) }
  }

  /// A line of `count` space-separated finite numbers (thresholds may be ±1e300, never NaN).
  static func numbers(_ entry: (String, Int)?, _ key: String, _ what: String, count: Int) throws(ModelFileError) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(count)
    for (w, line) in try words(entry, key, what, count: count) {
      guard let v = Double(w), v.isFinite else { throw ModelFileError("\(what): `\(key)` holds `\(w)`, not a finite number", line: line) }
      out.append(v)
    }
    return out
  }
}
