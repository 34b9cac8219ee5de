import Foundation
import StratABI
import StratIR
import StratLLVM
import StratNative
import Testing

/// What the descriptor says of a strategy is what the compiler knows of it, for JIT code and
/// for a loaded object alike; parameters bind by name and kind.
@Suite struct DescriptorTests {
  static let strategies = ["pairs", "bollinger", "logistic", "market_maker", "imbalance_taker", "pairs_bench"]

  @Test(arguments: strategies)
  func theDescriptorDescribesTheModule(_ name: String) throws {
    let (module, hash) = try referenceModule(name)
    let expected = try StrategyInterface(module: module)
    let jit = try NativeBackend.jit(module, sourceHash: hash)
    #expect(jit.interface == expected)
    #expect(jit.metadata.sourceHash == hash && jit.metadata.codeHash == module.codeHash)
    #expect(jit.slots.map(\.name) == module.slots.map(\.name))
    #expect(jit.slots.map(\.size) == module.slots.map(\.kind.byteSize))
    let aot = try NativeBackend.aot(module, sourceHash: hash, cpu: .generic)
    #expect(aot.interface == expected)
    #expect(aot.metadata.cpu == "x86-64")
    #expect(aot.metadata.compiler == jit.metadata.compiler && aot.metadata.compiler.contains("LLVM 19"))
  }

  @Test func riskLimitsTravelInTheDescriptor() throws {
    let (module, _) = try referenceModule("market_maker")
    let risk = try NativeBackend.jit(module).interface.risk
    #expect(risk == (try StrategyInterface(module: module)).risk)
    // market_maker declares max_position s = 500, max_order = 1000, max_orders = 2000 per 1s.
    #expect(risk.maxPosition == [500] && risk.maxOrderQuantity == 1000)
    #expect(risk.maxOrders == 2000 && risk.orderRateWindowNanos == 1_000_000_000)
    #expect(risk.maxOrderNotional == nil && risk.maxDailyLoss == nil && risk.priceBand == nil)
  }

  @Test func parametersBindByNameAndKind() throws {
    let (module, _) = try referenceModule("pairs")
    let code = try NativeBackend.jit(module)
    let entry = ParameterInfo(name: "entry", kind: .float, value: 1.5)
    let bound = try NativeExecutor(code: code, parameters: [entry])
    #expect(bound.interface.params.first { $0.name == "entry" }?.value == 1.5)
    #expect(throws: NativeExecutorError.unknownParameter("entree")) {
      try NativeExecutor(code: code, parameters: [ParameterInfo(name: "entree", kind: .float, value: 1)])
    }
    #expect(throws: NativeExecutorError.parameterKind("entry", declared: .float, given: .int)) {
      try NativeExecutor(code: code, parameters: [ParameterInfo(name: "entry", integer: 2)])
    }
  }

  @Test func theCodeHashIgnoresValuesButNotWindows() throws {
    let base = try referenceModule("pairs").module
    #expect(try referenceModule("pairs", params: ["entry": "1.5", "unit": "7"]).module.codeHash == base.codeHash)
    #expect(try referenceModule("pairs", params: ["lookback": "30"]).module.codeHash != base.codeHash)
  }

  @Test func metadataTextRoundTrips() {
    let metadata = ObjectMetadata(
      abiVersion: 1, name: "pairs", compiler: "stratc 0.2.0 (language 1, IR 1, LLVM 19.1.7)",
      sourceHash: String(repeating: "a", count: 64), codeHash: String(repeating: "b", count: 64), cpu: "x86-64")
    #expect(ObjectMetadata(sectionText: metadata.sectionText) == metadata)
    #expect(ObjectMetadata(sectionText: "stratc object\nabi=1\n") == nil, "keys missing")
    #expect(ObjectMetadata(sectionText: "ELF object\n" + metadata.sectionText) == nil)
  }
}
