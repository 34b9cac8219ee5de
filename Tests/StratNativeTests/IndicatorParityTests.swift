import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import StratSema
import Testing

/// The TA-Lib built-ins against TA-Lib itself on the bundled SPY bars
/// (Tests/Oracle/expected/indicators_SPY.csv, from Tests/Oracle/talib_indicators.py), on the
/// interpreter, the JIT and an AOT object: defined from the same bar, TRANGE, MOM, ROC, OBV and
/// the running sum bit for bit; RSI and ATR bit for bit against TA-Lib's C order of operations,
/// and within 1e-13 relative of the PyPI build, which contracts them into fused multiply-adds.
@Suite struct IndicatorParityTests {
  static let source = """
    strategy indicators
    instrument x = "SPY"
    param unit: Qty = 1
    when x.close > 0 { buy x rsi(x.close, 14) * unit limit atr(x.high, x.low, x.close, 14) }
    when x.close > 0 { buy x 1 limit tr(x.high, x.low, x.close) }
    when x.close > 0 { buy x 2 limit mom(x.close, 10) }
    when x.close > 0 { buy x roc(x.close, 10) * unit limit x.close }
    when x.close > 0 { buy x obv(x.close, x.volume) limit cum(x.close) }

    """

  static func bars() throws -> [Bar] {
    let text = try String(contentsOfFile: packageRoot + "/Examples/data/SPY.csv", encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",").map { Double($0) ?? .nan }
      return Bar(open: f[1], high: f[2], low: f[3], close: f[4], volume: f[6])
    }
  }

  /// Column → value per bar (nil before the indicator is defined).
  static func expected() throws -> [String: [Double?]] {
    let text = try String(contentsOfFile: packageRoot + "/Tests/Oracle/expected/indicators_SPY.csv", encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
    let names = lines[0].split(separator: ",").map(String.init)
    var columns: [String: [Double?]] = [:]
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      for (k, name) in names.enumerated() { columns[name, default: []].append(cells[k].isEmpty ? nil : strtod(String(cells[k]), nil)) }
    }
    return columns
  }

  @Test func everyBackendComputesWhatTALibComputes() throws {
    let result = Compiler.compile(SourceFile(path: "indicators.strat", text: Self.source))
    let module = try #require(result.module, "\(result.diagnostics.map(\.message))")
    let expected = try Self.expected()
    let bars = try Self.bars()
    #expect(bars.count == expected["rsi"]?.count)
    for (name, e) in [("interp", try Interpreter(module: module) as any StrategyExecutor),
                      ("jit", try NativeExecutor(code: NativeBackend.jit(module))),
                      ("aot", try NativeExecutor(code: NativeBackend.aot(module)))] {
      var got: [String: [Double?]] = [:]
      for (i, bar) in bars.enumerated() {
        e.setBar(instrument: 0, bar: bar)
        let n = e.step(timeNanos: Int64(i) * 86_400_000_000_000)
        var row: [String: Double] = [:]
        let ds = Array(e.decisions.prefix(n))
        // The rules' decisions in program order; a rule whose values are undefined is absent.
        var k = 0
        func next(_ present: Bool) -> Decision? {
          guard present, k < ds.count else { return nil }
          defer { k += 1 }
          return ds[k]
        }
        let rsiRule = next(expected["rsi"]![i] != nil)
        let trRule = next(expected["tr"]![i] != nil)
        let momRule = next(expected["mom"]![i] != nil)
        let rocRule = next(expected["roc"]![i] != nil)
        let obvRule = next(true)
        row["rsi"] = rsiRule?.quantity
        row["atr"] = rsiRule?.price
        row["tr"] = trRule?.price
        row["mom"] = momRule?.price
        row["roc"] = rocRule?.quantity
        row["obv"] = obvRule?.quantity
        row["cum"] = obvRule?.price
        #expect(k == n, "\(name) bar \(i): \(n) decisions, \(k) expected")
        for key in ["rsi", "atr", "tr", "mom", "roc", "obv", "cum"] { got[key, default: []].append(row[key]) }
      }
      for key in ["tr", "mom", "roc", "obv", "cum"] {
        let same = zip(got[key]!, expected[key]!).allSatisfy { $0?.bitPattern == $1?.bitPattern }
        #expect(same, "\(name) \(key) differs from TA-Lib")
      }
      for (key, c) in [("rsi", "rsi_c"), ("atr", "atr_c")] {
        let exact = zip(got[key]!, expected[c]!).allSatisfy { $0?.bitPattern == $1?.bitPattern }
        #expect(exact, "\(name) \(key) differs from TA-Lib's order of operations")
        let near = zip(got[key]!, expected[key]!).allSatisfy { g, w in
          guard let g, let w else { return g == nil && w == nil }
          return abs(g - w) <= 1e-13 * abs(w)
        }
        #expect(near, "\(name) \(key) is not within 1e-13 of TA-Lib")
      }
    }
  }
}
