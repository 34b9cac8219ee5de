import StratABI
import StratIR
import StratInterpreter
import Testing

/// `Interpreter.namedValues()` and `value(named:)` read what the last step computed, by the
/// IR's names, typed; `stratc explain` relies on them.
@Suite struct NamedValueTests {
  static func module() -> IRModule {
    makeModule { b in
      let close = b.emit(.field, .f64, imm: .field(instrument: 0, .close), name: "A.close")
      let two = b.constant(.f64(2), name: "two")
      let doubled = b.emit(.fmul, .f64, [close, two], name: "doubled")
      _ = b.constant(.i64(7), name: "count")
      _ = b.emit(.fgt, .bool, [doubled, two], name: "fire")
    }
  }

  @Test func readsTheLastStepsValuesByName() throws {
    let interpreter = try Interpreter(module: Self.module())
    interpreter.setBar(instrument: 0, bar: bar(0.5))
    _ = interpreter.step(timeNanos: 0)
    #expect(interpreter.value(named: "doubled") == .f64(1))
    #expect(interpreter.value(named: "fire") == .bool(false))
    interpreter.setBar(instrument: 0, bar: bar(3))
    _ = interpreter.step(timeNanos: 1)
    #expect(interpreter.value(named: "doubled") == .f64(6))
    #expect(interpreter.value(named: "fire") == .bool(true))
    #expect(interpreter.value(named: "count") == .i64(7))
    #expect(interpreter.value(named: "nope") == nil)
    #expect(interpreter.namedValues().map(\.name) == ["A.close", "two", "doubled", "count", "fire"])
  }
}
