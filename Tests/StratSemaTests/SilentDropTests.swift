import StratDiagnostics
import StratIR
import StratSema
import Testing

/// A declared limit or setting is either honoured or rejected with a diagnostic: never
/// accepted and then silently dropped.
@Suite struct SilentDropTests {
  static func compile(_ body: String) -> Compiler.Result {
    let text = "strategy s\ninstrument a = \"A\"\nwhen a.close > 1 { target a = 1 }\n" + body
    return Compiler.compile(SourceFile(path: "d.strat", text: text))
  }

  @Test func orderRateLimitIsKept() throws {
    let module = try #require(Self.compile("risk { max_orders = 10 per 1m }\n").module)
    #expect(IRPrinter.print(module).contains("risk order_rate 10 per 60000000000"))
  }

  @Test(arguments: ["0s", "-1m"])
  func orderRateWithoutAPositiveWindowIsReported(window: String) {
    let result = Self.compile("risk { max_orders = 10 per \(window) }\n")
    let kept = result.module.map { IRPrinter.print($0).contains("order_rate") } ?? false
    #expect(result.hasErrors || kept, "the limit vanished without an error")
  }

  @Test func flattenBeforeIsKept() throws {
    let module = try #require(
      Self.compile("schedule { hours 09:30 to 16:00 flatten_before 5m }\n").module
    )
    #expect(IRPrinter.print(module).contains("%flattening"))
  }

  @Test func negativeFlattenBeforeIsReported() {
    let result = Self.compile("schedule { hours 09:30 to 16:00 flatten_before -5m }\n")
    let kept = result.module.map { IRPrinter.print($0).contains("%flattening") } ?? false
    #expect(result.hasErrors || kept, "flatten_before -5m vanished without an error")
  }
}
