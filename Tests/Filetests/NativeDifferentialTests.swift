import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import StratSema
import StratTestSupport
import Testing

/// Native code (the LLVM JIT, and AOT shared objects) against the interpreter, the oracle:
/// every `run` case, optimised and not, fed event by event to each; after every step the decisions and the whole state record must be
/// identical bit for bit.
@Suite struct NativeDifferentialTests {
  @Test(arguments: RunFiletests.cases)
  func nativeCodeMatchesTheInterpreterBitForBit(_ test: Filetest) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    let table = EventTable(text: text)
    for optimize in [true, false] {
      let result = Compiler.compile(try test.sourceFile(), params: directives.params, optimize: optimize)
      guard let module = result.module, !result.hasErrors else { continue }
      let label = "\(test)\(optimize ? "" : " --no-opt")"
      try Self.compare(module, NativeExecutor(code: NativeBackend.jit(module)), table, label: label + " jit")
      try Self.compare(module, NativeExecutor(code: NativeBackend.aot(module)), table, label: label + " aot")
    }
  }

  static func compare(_ module: IRModule, _ jit: NativeExecutor, _ table: EventTable, label: String) throws {
    let interpreter = try Interpreter(module: module)
    #expect(jit.interface == interpreter.interface, "\(label): interface")
    let names = interpreter.interface.instruments.map(\.name)
    for (index, step) in table.steps.enumerated() {
      for executor in [interpreter, jit] as [any StrategyExecutor] {
        for bar in step.bars {
          guard let i = names.firstIndex(of: bar.instrument) else { continue }
          if let values = bar.bar { executor.setBar(instrument: i, bar: values) }
          for (field, value) in bar.inputs { executor.setInput(instrument: i, field: field, value: value) }
          if !bar.inputs.isEmpty { executor.markSeen(instrument: i) }
        }
      }
      let expected = interpreter.step(timeNanos: step.time)
      let found = jit.step(timeNanos: step.time)
      #expect(found == expected, "\(label) step \(index): decision count")
      for k in 0..<min(expected, found) {
        let (a, b) = (interpreter.decisions[k], jit.decisions[k])
        let same =
          a.kind == b.kind && a.instrument == b.instrument
          && a.quantity.bitPattern == b.quantity.bitPattern && a.price.bitPattern == b.price.bitPattern
        #expect(same, "\(label) step \(index) decision \(k): interpreter \(a), jit \(b)")
      }
      #expect(jit.stateSnapshot() == interpreter.stateSnapshot(), "\(label) step \(index): state")
    }
  }
}
