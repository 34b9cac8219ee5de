import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratSema
import Testing

/// The parameter table the front end fills, and the interpreter reading parameters at run time
/// from a buffer, as native code does.
@Suite struct RuntimeParameterTests {
  static let source = """
    strategy p
    instrument a = "A"
    param lookback: Int = 20 in 5..250 step 5
    param entry: Float = 2.0 in 0.5..4 step 0.25
    param edge: Price = 0.05
    param lagged: Int = 2
    param go: Bool = true
    param cap: Qty = 10
    risk {
      max_order = cap
    }
    when go and zscore(a.close, lookback) > entry and a.close[lagged] > edge { target a = 1 }
    when zscore(a.close, lookback) < 0 - entry { target a = -1 }

    """

  static func module(_ params: [String: String] = [:]) throws -> IRModule {
    let result = Compiler.compile(SourceFile(path: "p.strat", text: source), params: params)
    return try #require(result.module, "\(result.diagnostics.map(\.message))")
  }

  @Test func theFrontEndFillsTheTable() throws {
    let table = try Self.module().parameterTable
    #expect(table.entries.map(\.name) == ["lookback", "entry", "edge", "lagged", "go", "cap"])
    #expect(table.entries.map(\.kind) == [.int, .float, .float, .int, .bool, .float])
    #expect(table.entries.map(\.type) == ["Int", "Float", "Price", "Int", "Bool", "Qty"])
    #expect(table.entries.map(\.unit) == ["", "", "price", "", "", "qty"])
    #expect(table.entries.map(\.sizesState) == [true, false, false, true, false, false], "a window and a lag")
    #expect(table.entries.map(\.foldedAtBuild) == [false, false, false, false, false, true], "a risk limit")
    #expect(table.entries[0].range == ParameterRange(low: 5, high: 250, step: 5, lowText: "5", highText: "250", stepText: "5"))
    #expect(table.entries[1].range == ParameterRange(low: 0.5, high: 4, step: 0.25, lowText: "0.5", highText: "4", stepText: "0.25"))
    #expect(table.entries[2].range == nil)
  }

  @Test func anIRFileSaysOnlyNamesAndKinds() throws {
    let module = try Self.module()
    let text = IRPrinter.print(module)
    let parsed = try IRParser.parse(text, path: "p.ir").get()
    #expect(parsed.declaredParameters == nil)
    #expect(parsed.parameterTable.entries.map(\.name) == module.parameterTable.entries.map(\.name))
    #expect(parsed.parameterTable.entries.allSatisfy { !$0.sizesState && $0.range == nil })
  }

  /// A value set between steps makes the decisions a build with that value makes.
  @Test(arguments: ["1.0", "0.5", "2.5"])
  func aValueSetAtRunTimeIsABuildWithIt(entry: String) throws {
    let changed = try Interpreter(module: Self.module())
    let value = try #require(Double(entry))
    try changed.setParameter(ParameterInfo(name: "entry", kind: .float, value: value))
    #expect(changed.interface.params[1].value == value)
    let built = try Interpreter(module: Self.module(["entry": entry]))
    var random = SplitMix64(seed: 13)
    var price = 100.0
    var decided = 0
    for step in 0..<400 {
      price += random.double(in: -1, 1)
      for executor in [changed, built] { executor.setBar(instrument: 0, bar: bar(price)) }
      let n = changed.step(timeNanos: Int64(step))
      #expect(n == built.step(timeNanos: Int64(step)))
      #expect(changed.decisions.map(\.bits) == built.decisions.map(\.bits), "step \(step)")
      decided += n
    }
    #expect(decided > 0, "the stream must make decisions for the comparison to mean anything")
  }

  @Test func aChangeTheLayoutWouldNeedIsRefused() throws {
    let interpreter = try Interpreter(module: Self.module())
    #expect(throws: ParameterRefusal.sizesState("lookback")) {
      try interpreter.setParameter(ParameterInfo(name: "lookback", integer: 30))
    }
    #expect(throws: ParameterRefusal.sizesState("lagged")) {
      try interpreter.setParameter(ParameterInfo(name: "lagged", integer: 3))
    }
    #expect(throws: ParameterRefusal.foldedAtBuild("cap")) {
      try interpreter.setParameter(ParameterInfo(name: "cap", kind: .float, value: 20))
    }
    #expect(throws: ParameterRefusal.unknown("exit")) {
      try interpreter.setParameter(ParameterInfo(name: "exit", kind: .float, value: 1))
    }
    #expect(throws: ParameterRefusal.kind("go", declared: .bool, given: .int)) {
      try interpreter.setParameter(ParameterInfo(name: "go", integer: 0))
    }
    #expect(interpreter.interface.params[0].integer == 20, "a refused value changes nothing")
  }
}

extension Decision {
  /// Every field as bits, so that two NaN prices compare equal.
  fileprivate var bits: [UInt64] {
    [UInt64(kind.rawValue), UInt64(UInt32(bitPattern: instrument)), quantity.bitPattern, price.bitPattern]
  }
}
