import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import StratSema
import Testing

/// Trained models compiled from their files predict what XGBoost and LightGBM themselves
/// predicted (and a network what the format's loops compute) (Examples/ml/parity.csv, written by Examples/ml/train.py with the libraries), bit
/// for bit, margin and probability, on the interpreter, the JIT and an AOT object.
@Suite struct TreeModelParityTests {
  /// Models of the three features: their values are the targets of instruments o1, o2, ….
  static func source(_ models: [String]) -> String {
    let outputs = models.indices.map { "instrument o\($0 + 1) = \"O\($0 + 1)\"" }.joined(separator: "\n")
    let declarations = models.enumerated().map { "model m\($0.offset + 1) = \($0.element)" }.joined(separator: "\n")
    let targets = models.indices.map { "  target o\($0 + 1) = m\($0 + 1) * unit" }.joined(separator: "\n")
    return """
      strategy parity
      instrument a = "A"
      instrument b = "B"
      instrument c = "C"
      \(outputs)
      let r1 = a.close / a.open
      let r5 = b.close / b.open
      let rng = c.close / c.open
      param unit: Qty = 1
      \(declarations)
      when c.open > 0 {
      \(targets)
      }

      """
  }

  /// Held-out rows: three features, then four predictions.
  static func parityRows(_ file: String) throws -> [[Double]] {
    let text = try String(contentsOfFile: packageRoot + "/Examples/ml/" + file, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { hexDouble(String($0)) }
    }
  }

  /// Python's float.hex text (`-0x1.8p-3`, `nan`) as a Double.
  static func hexDouble(_ s: String) -> Double {
    s == "nan" ? .nan : strtod(s, nil)
  }

  @Test(arguments: [
    // parity.csv: XGBoost's margin and probability, then LightGBM's.
    ("parity.csv", [
      "xgboost(\"gbt.json\", r1, r5, rng) margin", "xgboost(\"gbt.json\", r1, r5, rng)",
      "lightgbm(\"lgbm.txt\", r1, r5, rng) margin", "lightgbm(\"lgbm.txt\", r1, r5, rng)",
    ]),
    // missing_parity.csv: LightGBM trained with NaNs (missing type NaN), then with zeros as
    // missing (type Zero), on rows holding NaNs, 0 and −0.
    ("missing_parity.csv", [
      "lightgbm(\"lgbm_nan.txt\", r1, r5, rng) margin", "lightgbm(\"lgbm_nan.txt\", r1, r5, rng)",
      "lightgbm(\"lgbm_zero.txt\", r1, r5, rng) margin", "lightgbm(\"lgbm_zero.txt\", r1, r5, rng)",
    ]),
    // mlp_parity.csv: the network's output before and after its sigmoid, by plain loops.
    ("mlp_parity.csv", ["mlp(\"mlp.json\", r1, r5, rng) margin", "mlp(\"mlp.json\", r1, r5, rng)"]),
  ])
  func everyBackendPredictsWhatTheLibrariesPredict(_ file: String, _ models: [String]) throws {
    let path = packageRoot + "/Examples/ml/parity.strat"
    let result = Compiler.compile(SourceFile(path: path, text: Self.source(models)))
    let module = try #require(result.module, "\(result.diagnostics.map(\.message))")
    let executors: [(String, any StrategyExecutor)] = [
      ("interp", try Interpreter(module: module)),
      ("jit", try NativeExecutor(code: NativeBackend.jit(module))),
      ("aot", try NativeExecutor(code: NativeBackend.aot(module))),
    ]
    let rows = try Self.parityRows(file)
    #expect(rows.count > 300)
    var mismatches: [String] = []
    for (k, row) in rows.enumerated() {
      for (name, e) in executors {
        for f in 0..<3 { e.setBar(instrument: f, bar: Bar(open: 1, high: 1, low: 1, close: row[f], volume: 1)) }
        for o in models.indices { e.setBar(instrument: 3 + o, bar: Bar(open: 1, high: 1, low: 1, close: 1, volume: 1)) }
        guard e.step(timeNanos: Int64(k)) == models.count else {
          mismatches.append("\(name) row \(k): no decisions")
          continue
        }
        let got = e.decisions.map(\.quantity)
        let want = Array(row[3...])
        for j in models.indices where got[j].bitPattern != want[j].bitPattern {
          mismatches.append("\(name) row \(k) \(models[j]): \(got[j]) != \(want[j])")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(8))")
  }
}
