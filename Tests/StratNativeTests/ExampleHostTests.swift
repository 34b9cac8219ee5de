import Foundation
import StratABI
import StratInterpreter
import StratLLVM
import Testing

/// Examples/abi: a C host and a Python ctypes host, written against include/stratc.h alone,
/// drive a `stratc build` object and print the decisions the interpreter makes, byte for byte.
@Suite struct ExampleHostTests {
  static let bars = ["Examples/data/GLD.csv", "Examples/data/GDX.csv"]

  /// The interpreter's decisions on the same rows, in the hosts' format.
  static func interpreterLines(params: [String: String]) throws -> String {
    let (module, _) = try referenceModule("pairs", params: params)
    let interpreter = try Interpreter(module: module)
    let rows = try bars.map { path in
      try String(contentsOfFile: packageRoot + "/" + path, encoding: .utf8).split(separator: "\n").dropFirst()
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
    var text = ""
    for step in 0..<rows[0].count {
      var time: Int64 = 0
      for (i, series) in rows.enumerated() {
        let f = series[step]
        time = try Self.days(f[0]) * 86_400 * 1_000_000_000
        let v = [f[1], f[2], f[3], f[4], f[6]].map { Double($0)! }
        interpreter.setBar(instrument: i, bar: Bar(open: v[0], high: v[1], low: v[2], close: v[3], volume: v[4]))
      }
      for k in 0..<interpreter.step(timeNanos: time) {
        let d = interpreter.decisions[k]
        text += "\(step) \(time) \(d.kind.rawValue) \(d.instrument) \(exact(d.quantity)) \(exact(d.price))\n"
      }
    }
    return text
  }

  static func exact(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.17g", x) }

  static func days(_ date: String) throws -> Int64 {
    let parts = date.prefix(10).split(separator: "-").compactMap { Int64($0) }
    guard parts.count == 3 else { throw TestFailure("bad date \(date)") }
    var components = DateComponents()
    (components.year, components.month, components.day) = (Int(parts[0]), Int(parts[1]), Int(parts[2]))
    components.timeZone = TimeZone(identifier: "UTC")
    let date = Calendar(identifier: .gregorian).date(from: components)!
    return Int64(date.timeIntervalSince1970) / 86_400
  }

  @Test(arguments: [[String: String](), ["entry": "1.5", "unit": "7"]])
  func cAndPythonHostsMakeTheInterpretersDecisions(_ params: [String: String]) throws {
    let object = temporaryPath(".so")
    let (module, hash) = try referenceModule("pairs")
    try NativeBackend.buildObject(module, sourceHash: hash, cpu: .generic, to: object)
    let host = temporaryPath("")
    let cc = try runProcess("cc", ["-O2", "-Wall", "-Werror", "-I", "include", "-o", host, "Examples/abi/run_strategy.c", "-ldl", "-lm"])
    #expect(cc.status == 0, "\(cc.stderr)")
    let assignments = params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let c = try runProcess(host, [object] + Self.bars + assignments)
    let python = try runProcess("python3", ["Examples/abi/run_strategy.py", object] + Self.bars + assignments)
    let expected = try Self.interpreterLines(params: params)
    #expect(c.status == 0 && python.status == 0, "\(c.stderr) \(python.stderr)")
    #expect(!expected.isEmpty)
    #expect(c.stdout == expected)
    #expect(python.stdout == expected)
  }
}
