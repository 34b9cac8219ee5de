import Foundation
import Testing

/// Examples/ml: a strategy trading on an XGBoost and a LightGBM model read from their files.
/// Its orders are the ones train.py decided from the libraries' own predictions
/// (Examples/ml/orders.csv), on every backend; the model files are inputs of the run id; a
/// model file that does not fit the strategy is a located error.
@Suite struct MLExampleTests {
  static let folder = Stratc.root.path + "/Examples/ml"
  static let data = Stratc.root.path + "/Examples/data/SPY.csv"

  static func backtest(_ strategy: String, backend: String) throws -> String {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", strategy, "--data", data, "--out", out, "--quiet", "--backend", backend])
    #expect(run.status == 0, "\(backend): \(run.stderr)")
    return out
  }

  static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  /// `decided,side,quantity` of every submitted order in a backtest's orders.csv.
  static func submitted(_ out: String) -> [String] {
    let lines = read(out + "/orders.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    guard let header = lines.first else { return [] }
    let col = { (name: String) in header.firstIndex { $0 == name }! }
    let (event, decided, side, quantity) = (col("event"), col("decided"), col("side"), col("quantity"))
    return lines.dropFirst().filter { $0[event] == "submitted" }.map { "\($0[decided]),\($0[side]),\($0[quantity])" }
  }

  @Test func everyBackendSubmitsTheOrdersTheLibrariesDecide() throws {
    let expected = Self.read(Self.folder + "/orders.csv").split(separator: "\n").dropFirst().map(String.init)
    #expect(expected.count > 100)
    let interp = try Self.backtest(Self.folder + "/ml.strat", backend: "interp")
    #expect(Self.submitted(interp) == expected)
    for backend in ["jit", "aot"] {
      let out = try Self.backtest(Self.folder + "/ml.strat", backend: backend)
      for file in ["orders.csv", "trades.csv", "equity.csv", "summary.json"] {
        #expect(Self.read(out + "/" + file) == Self.read(interp + "/" + file), "\(backend) \(file)")
      }
    }
    let summary = Self.read(interp + "/summary.json")
    #expect(summary.contains("\"model gbt.json\": \""), "\(summary)")
    #expect(summary.contains("\"model lgbm.txt\": \""), "\(summary)")
  }

  /// The HLS kernel computes both models in fixed point (XGBoost's float32 rounding is below its
  /// resolution) and decides as the interpreter, in float32, does on every bar.
  @Test func theKernelDecidesAsTheInterpreterOnEveryBar() throws {
    let run = try Stratc.run(["hls-sim", Self.folder + "/ml.strat", "--data", Self.data, "--compare"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("compared 1181 ticks: 967 decisions in fixed point, 967 in double; 0 ticks differ"), "\(run.stdout)")
  }

  /// A copy of the example in a fresh folder, with `edit` applied to `file`'s text.
  static func copy(editing file: String? = nil, _ edit: (String) -> String = { $0 }) throws -> String {
    let dir = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for name in ["ml.strat", "gbt.json", "lgbm.txt"] {
      let text = read(folder + "/" + name)
      try (name == file ? edit(text) : text).write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    return dir
  }

  static func runID(_ out: String) -> String? {
    read(out + "/summary.json").split(separator: "\n").first { $0.contains("\"run_id\"") }.map(String.init)
  }

  @Test func aChangedLeafChangesTheRunID() throws {
    let same = try Self.copy()
    let changed = try Self.copy(editing: "lgbm.txt") { text in
      text.replacingOccurrences(of: "leaf_value=0.21784499354512735", with: "leaf_value=0.31784499354512735")
    }
    #expect(Self.read(changed + "/lgbm.txt") != Self.read(same + "/lgbm.txt"))
    let a = try Self.backtest(same + "/ml.strat", backend: "interp")
    let b = try Self.backtest(changed + "/ml.strat", backend: "interp")
    #expect(Self.runID(a) != nil)
    #expect(Self.runID(a) != Self.runID(b))
  }

  @Test(arguments: [
    ("model gbt = xgboost(\"gbt.json\", r1, r5, rng)", "model gbt = xgboost(\"missing.json\", r1, r5, rng)",
     "ml.strat:17:21: error[models.file]: cannot use model file `missing.json`: cannot open"),
    ("model gbt = xgboost(\"gbt.json\", r1, r5, rng)", "model gbt = xgboost(\"lgbm.txt\", r1, r5, rng)",
     "error[models.file]: cannot use model file `lgbm.txt`: not XGBoost's JSON model format"),
    ("model gbt = xgboost(\"gbt.json\", r1, r5, rng)", "model gbt = xgboost(\"gbt.json\", r1, r5)",
     "error[models.feature-count]: model `gbt`: `gbt.json` was trained on 3 features (r1, r5, rng), and 2 are given"),
    ("model gbt = xgboost(\"gbt.json\", r1, r5, rng)", "model gbt = xgboost(\"gbt.json\", r5, r1, rng)",
     "ml.strat:17:33: error[models.feature-order]: model `gbt`: feature 1 of `gbt.json` is `r1`, and `r5` is given"),
    ("model lgb = lightgbm(\"lgbm.txt\", r1, r5, rng)", "model lgb = lightgbm(\"lgbm.txt\", r1, r5, x.close)",
     "error[units.mismatch]"),
  ])
  func aModelThatDoesNotFitIsALocatedError(_ line: String, _ replacement: String, _ message: String) throws {
    let dir = try Self.copy(editing: "ml.strat") { $0.replacingOccurrences(of: line, with: replacement) }
    let run = try Stratc.run(["check", dir + "/ml.strat"])
    #expect(run.status == 1)
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test(arguments: [
    ("gbt.json", "truncated"), ("gbt.json", "cycle"), ("lgbm.txt", "truncated"), ("lgbm.txt", "child"),
  ])
  func aDamagedModelFileIsRefused(_ file: String, _ damage: String) throws {
    let dir = try Self.copy(editing: file) { text in
      switch damage {
      case "truncated": String(text.prefix(text.count / 2))
      case "cycle": text.replacingOccurrences(of: "\"left_children\":[1,", with: "\"left_children\":[0,")
      default: text.replacingOccurrences(of: "left_child=-1 2 3", with: "left_child=-1 2 99")
      }
    }
    let run = try Stratc.run(["check", dir + "/ml.strat"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("error[models.file]: cannot use model file `\(file)`"), "\(run.stderr)")
  }
}
