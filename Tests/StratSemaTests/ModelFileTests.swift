import Foundation
import StratDiagnostics
import StratModels
import StratSema
import Testing

/// The model readers: what they accept, what they refuse and why, and that a refusal is never a
/// trap (the corpus of Fuzz/ModelFuzz replayed).
extension [UInt8] {
  /// An XGBoost test model that declares `count` trees in gbtree_model_param.
  func replacingTrees(count: Int) -> [UInt8] {
    let text = String(decoding: self, as: UTF8.self).replacingOccurrences(
      of: #""model":{"trees""#, with: #""model":{"gbtree_model_param":{"num_trees":"\#(count)"},"trees""#)
    return Array(text.utf8)
  }
}

@Suite struct ModelFileTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func xgboost(booster: String = "gbtree", objective: String = "binary:logistic", params: String = "\"num_feature\":\"1\"", tree: String? = nil, extra: String = "") -> [UInt8] {
    let t = tree ?? #"{"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],"split_conditions":[5E-1,-1E0,1E0],"default_left":[1,0,0]}"#
    return bytes(#"{"learner":{"gradient_booster":{"name":"\#(booster)","model":{"trees":[\#(t)]}},"objective":{"name":"\#(objective)"},"learner_model_param":{"base_score":"[5E-1]",\#(params)}\#(extra)}}"#)
  }

  @Test func aSmallXGBoostModelPredictsByItsRules() throws {
    let model = try XGBoostModel.load(Self.xgboost())
    #expect(model.featureCount == 1 && model.trees.count == 1 && model.baseMargin == 0)
    #expect(model.predict([0.25], margin: true) == -1)  // 0.25 < 0.5: left
    #expect(model.predict([0.5], margin: true) == 1)  // not below: right
    #expect(model.predict([.nan], margin: true) == -1)  // missing: default left
    #expect(model.predict([0.25]) == Double(1 / (expf(1) + 1)))
  }

  @Test(arguments: [
    (xgboost(booster: "dart"), "booster `dart` is not supported"),
    (xgboost(objective: "multi:softprob"), "objective `multi:softprob` is not supported"),
    (xgboost(params: "\"num_feature\":\"1\",\"num_class\":\"3\""), "the model predicts 3 values"),
    (xgboost(params: "\"num_feature\":\"1\",\"num_target\":\"2\""), "the model predicts 2 values"),
    (xgboost(extra: ",\"feature_types\":[\"c\"]"), "feature 1 is categorical"),
    (xgboost(tree: #"{"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[3,0,0],"split_conditions":[5E-1,-1E0,1E0],"default_left":[1,0,0]}"#), "splits on feature 3 of 1"),
    (xgboost(tree: #"{"left_children":[1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],"split_conditions":[5E-1,-1E0,1E0],"default_left":[1,0,0]}"#), "different lengths"),
    (xgboost(tree: #"{"left_children":[1,-1,-1],"right_children":[1,-1,-1],"split_indices":[0,0,0],"split_conditions":[5E-1,-1E0,1E0],"default_left":[1,0,0]}"#), "reached twice"),
    (xgboost(tree: #"{"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],"split_conditions":[5E-1,-1E0,1E39],"default_left":[1,0,0]}"#), "finite number"),
    (xgboost(tree: #"{"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[0,0,0],"split_conditions":[5E-1,-1E0,1E0],"default_left":[1,0,0],"split_type":[1,0,0]}"#), "categorical split"),
    (bytes("\u{7B}\"learner\": 1"), "the file ends"),
    (bytes("{\"learner\":{}} x"), "text after the JSON value"),
    (bytes("{\"a\":" + String(repeating: "[", count: 100)), "nested deeper than 64"),
    (bytes("{\"a\":\"\\q\"}"), "unknown escape"),
    (bytes("UBJ\u{0}"), "not XGBoost's JSON model format"),
    (xgboost(params: "\"num_feature\":\"1\",\"num_feature\":\"2\""), "member \"num_feature\" appears twice"),
    (xgboost(extra: ",\"x\":{\"gbtree_model_param\":1}").replacingTrees(count: 3), "`num_trees` is 3 but the file has 1 trees"),
  ])
  func xgboostRefuses(_ file: [UInt8], _ message: String) {
    #expect(throws: ModelFileError.self) { try XGBoostModel.load(file) }
    do {
      _ = try XGBoostModel.load(file)
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  /// XGBoost 3 clamps a logistic base score to [1e-6, 1 − 1e-6] (float32) before its logit.
  @Test func aLogisticBaseScoreIsClampedAsXGBoostClampsIt() throws {
    for (score, clamped) in [("1E-7", Float(1e-6)), ("0E0", Float(1e-6)), ("1E0", 1 - Float(1e-6))] {
      let text = String(decoding: Self.xgboost(), as: UTF8.self).replacingOccurrences(of: "[5E-1]", with: "[\(score)]")
      let model = try XGBoostModel.load(Self.bytes(text))
      #expect(model.baseMargin == Double(-logf(1 / clamped - 1)), "\(score)")
    }
  }

  @Test func aByteOrderMarkAndCRLFLineEndsAreRead() throws {
    let json = [0xEF, 0xBB, 0xBF] + Self.xgboost()
    #expect(try XGBoostModel.load(json).trees.count == 1)
    let text = String(decoding: Self.lightgbm(tree: Self.zeroTree), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
    let model = try LightGBMModel.load(Self.bytes(text))
    #expect(model.predict([0.75], margin: true) == 1)
  }

  @Test func jsonKeepsNumbersAsTheirTextAndDecodesEscapes() throws {
    let json = try ModelJSON.parse(Self.bytes(#" {"n": [1.0000000001E-1, -0], "s": "a\"\u00e9\n"} "#))
    #expect(json["n"] == .array([.number("1.0000000001E-1"), .number("-0")]))
    #expect(json["s"] == .string("a\"é\n"))
  }

  static func lightgbm(tree: String, objective: String = "binary sigmoid:1", header: String = "") -> [UInt8] {
    bytes("tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nmax_feature_idx=0\nobjective=\(objective)\n\(header)\nTree=0\n\(tree)\n\nend of trees\n")
  }

  /// decision_type 6: missing type Zero (bits 2–3 = 1), default left (bit 1).
  static let zeroTree = "num_leaves=2\nsplit_feature=0\nthreshold=0.5\ndecision_type=6\nleft_child=-1\nright_child=-2\nleaf_value=-1 1"

  @Test func lightgbmSendsZeroAndNaNTheDefaultWayUnderMissingTypeZero() throws {
    let model = try LightGBMModel.load(Self.lightgbm(tree: Self.zeroTree))
    #expect(model.predict([0.25], margin: true) == -1)  // 0.25 ≤ 0.5
    #expect(model.predict([0.75], margin: true) == 1)
    #expect(model.predict([0], margin: true) == -1)  // zero: default left
    #expect(model.predict([-1e-36], margin: true) == -1)
    #expect(model.predict([.nan], margin: true) == -1)
    let right = try LightGBMModel.load(Self.lightgbm(tree: Self.zeroTree.replacingOccurrences(of: "=6", with: "=4")))
    #expect(right.predict([0], margin: true) == 1)  // default right, though 0 ≤ 0.5
    #expect(right.predict([0.25], margin: true) == -1)
  }

  @Test(arguments: [
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "decision_type=6", with: "decision_type=7")), "categorical"),
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "left_child=-1", with: "left_child=-5")), "out of range"),
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "left_child=-1", with: "left_child=0")), "reached twice"),
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "leaf_value=-1 1", with: "leaf_value=-1")), "has 1 values, not 2"),
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "leaf_value=-1 1", with: "leaf_value=-1 nan")), "not a finite number"),
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "split_feature=0", with: "split_feature=99999999999999999999")), "not an integer"),
    (lightgbm(tree: zeroTree.replacingOccurrences(of: "split_feature=0", with: "split_feature=1")), "on feature 1 of 1"),
    (lightgbm(tree: zeroTree, objective: "multiclass num_class:3"), "not supported"),
    (lightgbm(tree: zeroTree, header: "average_output"), "random forest"),
    (lightgbm(tree: zeroTree + "\nis_linear=1"), "linear tree"),
    (lightgbm(tree: zeroTree, objective: "regression sqrt"), "reg_sqrt"),
    (bytes("tree\nversion=v4\nnum_class=1\n"), "truncated"),
    (bytes("hello"), "not LightGBM's text model format"),
  ])
  func lightgbmRefuses(_ file: [UInt8], _ message: String) {
    do {
      _ = try LightGBMModel.load(file)
      Issue.record("loaded; expected \(message)")
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  static func network(_ layers: String, extra: String = "") -> [UInt8] {
    bytes(#"{"format": "stratc-mlp", "version": 1, "layers": [\#(layers)]\#(extra)}"#)
  }

  @Test func aNetworkPredictsNeuronByNeuron() throws {
    let net = try NeuralNetwork.load(Self.network(
      #"{"weights": [[1, -1], [0.5, 0.5]], "bias": [0, -1], "activation": "relu"}, {"weights": [[2, 3]], "bias": [0.25], "activation": "identity"}"#))
    #expect(net.featureCount == 2)
    // relu(x − y) = 2, relu(0.5x + 0.5y − 1) = 1; 0.25 + 2·2 + 3·1 = 7.25
    #expect(net.predict([3, 1]) == 7.25)
    #expect(net.predict([.nan, 1]) == 0.25 + 3 * 0)  // NaN through relu is 0
  }

  @Test(arguments: [
    (network(#"{"weights": [[1, 2]], "bias": [0], "activation": "tanh"}"#), "`activation` must be"),
    (network(#"{"weights": [[1, 2], [1]], "bias": [0, 0], "activation": "relu"}"#), "one weight per input"),
    (network(#"{"weights": [[1, 2]], "bias": [0, 1], "activation": "relu"}"#), "`bias` has 2 values for 1 outputs"),
    (network(#"{"weights": [[1, 2], [3, 4]], "bias": [0, 1], "activation": "relu"}"#), "last layer has 2 outputs"),
    (network(#"{"weights": [[1, 2]], "bias": [0], "activation": "relu"}"#, extra: #", "features": ["a"]"#), "`features` must name"),
    (network(#"{"weights": [[1e999]], "bias": [0], "activation": "relu"}"#), "finite number"),
    (bytes(#"{"format": "onnx"}"#), "not stratc's network format"),
  ])
  func networkRefuses(_ file: [UInt8], _ message: String) {
    do {
      _ = try NeuralNetwork.load(file)
      Issue.record("loaded; expected \(message)")
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  /// The seeds are real models of both libraries; a refused input is refused, never a trap.
  @Test func theModelCorpusLoadsOrIsRefused() throws {
    let files = try FuzzCorpus.files("model")
    #expect(files.count >= 5)
    for file in files {
      let outcomes = file.bytes.withUnsafeBytes { ModelFuzzTarget.run($0) }
      if file.name.hasPrefix("xgboost-small") || file.name.hasPrefix("xgboost-regression") { #expect(outcomes[0] == "xgboost", "\(file.name)") }
      if file.name.hasPrefix("lightgbm-") { #expect(outcomes[1] == "lightgbm", "\(file.name): \(outcomes)") }
    }
  }

  /// A feature named by a bare name is checked against the file's names; any other expression
  /// is taken by position.
  @Test func featureNamesAreCheckedWhereBothSidesHaveThem() throws {
    let model = Self.xgboost(params: "\"num_feature\":\"1\"", extra: ",\"feature_names\":[\"r1\"]")
    let reader = ModelFileReader { (_: String) throws(ModelFileError) -> [UInt8] in model }
    func compile(_ feature: String) -> [String] {
      let source = "strategy s\ninstrument a = \"A\"\nlet r1 = a.close / a.open\nlet r2 = r1\nmodel m = xgboost(\"m.json\", \(feature))\nwhen m > 0.5 { flat a }\n"
      return Compiler.compile(SourceFile(path: "s.strat", text: source), models: reader).diagnostics.filter { $0.severity == .error }.map(\.id)
    }
    #expect(compile("r1") == [])
    #expect(compile("r2") == ["models.feature-order"])
    #expect(compile("r2 * 1") == [])
    #expect(compile("a.close") == ["units.mismatch"])
  }
}
