import Foundation
import StratABI
import StratNative
import Testing

@testable import StratEngine
@testable import strat_engine

/// Object state layouts: a JIT build and a signed object of the same source declare the same
/// slots, so state carries between them both ways, slot for slot.
@Suite(.serialized) struct HotLoadStateTests {
  @Test func stateCarriesBetweenJITVersionsAndSignedObjectsBothWays() throws {
    let source = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let folder = URL(fileURLWithPath: source).deletingLastPathComponent().path
    let (key, verifier) = try HotLoadRig.key(in: folder)
    let object = folder + "/built/breakout.so"
    let wider = folder + "/built/wider.so"
    let bigger = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20, lot: 200), in: folder + "/v2")
    let widerSource = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 30), in: folder + "/v3")
    try FileManager.default.createDirectory(atPath: folder + "/built", withIntermediateDirectories: true)
    #expect(try HotLoadRig.stratc(["build", source, "-o", object, "--sign", key, "--quiet"]))
    #expect(try HotLoadRig.stratc(["build", widerSource, "-o", wider, "--sign", key, "--quiet"]))
    let log = HotLoadRig.temporaryPath(".log")
    let engine = try HotLoadRig.engine(source, verifier: verifier, log: log)
    let loader = try #require(engine.hotLoader)
    let host = engine.strategies[0]
    let slots = try #require(host.built.stateLayout)
    #expect(slots.count == 1 && slots.allSatisfy { $0.kind.hasPrefix("window(20)") })

    // JIT → the object of the same source → a JIT build of a changed version: everything moves.
    var next = 5_120
    for (path, backend) in [(object, "aot"), (bigger, "jit")] {
      try HotLoadRig.drive(engine, (next - 5_120)..<next)
      let staged = try #require(loader.prepare(.init(path: path), rollback: false), "\(HotLoadRig.text(log))")
      #expect(staged.built?.backend == backend)
      #expect(staged.built?.stateLayout == slots)
      #expect(staged.carry?.complete == true && staged.carry?.copies.count == 1)
      let before = host.runner.executor.stateSnapshot()
      try engine.applyHotLoads()
      #expect(host.built.backend == backend && staged.failure == nil)
      #expect(host.runner.executor.stateSnapshot() == before)
      next += 5_120
    }
    #expect(HotLoadRig.text(log).contains("\"carried\":\"\(slots.map(\.name).joined(separator: ","))\""))

    // An object whose windows are longer: no slot agrees, and the policy (carry) starts them fresh.
    try HotLoadRig.drive(engine, (next - 5_120)..<next)
    let staged = try #require(loader.prepare(.init(path: wider), rollback: false))
    #expect(staged.carry?.complete == false && staged.carry?.copies.isEmpty == true)
    #expect(staged.carry?.fresh.count == 1)
    try engine.applyHotLoads()
    #expect(host.built.backend == "aot" && host.built.stateLayout?.first?.kind.hasPrefix("window(30)") == true)
  }
}
