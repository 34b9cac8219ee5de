import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import StratSema
import Testing

/// Native code and the interpreter take a parameter set between steps alike, and both refuse
/// what the table says would need a new build.
@Suite struct NativeRuntimeParameterTests {
  static let source = """
    strategy p
    instrument a = "A"
    param lookback: Int = 10 in 5..50 step 5
    param entry: Float = 1.5
    param size: Qty = 2
    when zscore(a.close, lookback) > entry { target a = size }
    when zscore(a.close, lookback) < 0 - entry { target a = 0 - size }

    """

  @Test func theSameValueMakesTheSameDecisions() throws {
    let module = try #require(Compiler.compile(SourceFile(path: "p.strat", text: Self.source)).module)
    let interpreter = try Interpreter(module: module)
    let native = try NativeExecutor(code: NativeBackend.jit(module), parameterTable: module.parameterTable)
    let executors: [any StrategyExecutor] = [interpreter, native]
    var price = 50.0
    var state: UInt64 = 7
    var decided = 0
    for step in 0..<300 {
      if step == 100 {
        for e in executors { try e.setParameter(ParameterInfo(name: "entry", kind: .float, value: 0.5)) }
      }
      if step == 200 {
        for e in executors { try e.setParameter(ParameterInfo(name: "size", kind: .float, value: 5)) }
      }
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      price += Double(Int(state >> 40) % 201 - 100) / 100
      for e in executors { e.setBar(instrument: 0, bar: Bar(open: price, high: price, low: price, close: price, volume: 1)) }
      let n = interpreter.step(timeNanos: Int64(step))
      #expect(native.step(timeNanos: Int64(step)) == n)
      #expect(native.decisions.map(\.bits) == interpreter.decisions.map(\.bits), "step \(step)")
      decided += n
    }
    #expect(decided > 0)
    #expect(native.interface.params.map(\.value) == interpreter.interface.params.map(\.value))
  }

  @Test func bothRefuseAParameterThatSizesTheState() throws {
    let module = try #require(Compiler.compile(SourceFile(path: "p.strat", text: Self.source)).module)
    let native = try NativeExecutor(code: NativeBackend.jit(module), parameterTable: module.parameterTable)
    #expect(throws: ParameterRefusal.sizesState("lookback")) {
      try native.setParameter(ParameterInfo(name: "lookback", integer: 20))
    }
    #expect(throws: ParameterRefusal.sizesState("lookback")) {
      try Interpreter(module: module).setParameter(ParameterInfo(name: "lookback", integer: 20))
    }
    let bare = try NativeExecutor(code: NativeBackend.jit(module))
    #expect(bare.parameterTable == ParameterTable(derivedFrom: bare.interface.params), "the descriptor's alone")
  }
}

extension Decision {
  /// Every field as bits, so that two NaN prices compare equal.
  fileprivate var bits: [UInt64] {
    [UInt64(kind.rawValue), UInt64(UInt32(bitPattern: instrument)), quantity.bitPattern, price.bitPattern]
  }
}
