import Foundation
import StratABI
import StratNative
import StratRuntime
import Testing

@testable import StratEngine
@testable import strat_engine

/// Shadow (canary) versions beside the live one, promote, discard and unload, driven by hand
/// between events as the loop drives them, and recovered from the journal.
@Suite(.serialized) struct HotLoadShadowTests {
  static let events = 40_000

  /// The breakout over 20 trading; a shadow of `shadowSource` started at event 10,000 (applied
  /// at 10,240) and, when `promoteAt` is given, promoted then.
  static func shadowed(
    _ shadowSource: String, promoteAt: UInt64? = nil, journal: String? = nil
  ) throws -> (engine: Engine, out: String, decisions: HotLoadRig.Decisions) {
    let live = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let folder = URL(fileURLWithPath: live).deletingLastPathComponent().path
    let shadow = try HotLoadRig.file("breakout.shadow.strat", shadowSource, in: folder + "/canary")
    let out = folder + "/out"
    let engine = try HotLoadRig.engine(live, journal: journal, out: out, log: HotLoadRig.temporaryPath(".log"))
    let loader = try #require(engine.hotLoader)
    let decisions = try HotLoadRig.drive(engine, 0..<events) { delivered in
      if delivered == 10_000 { #expect(loader.handle(.load(.init(path: shadow), shadow: true)) != nil) }
      if delivered == promoteAt { _ = loader.handle(.promote("breakout")) }
    }
    loader.drainShadows()
    return (engine, out, decisions)
  }

  static func withoutShadow() throws -> [OrderLogEntry] {
    let live = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let engine = try HotLoadRig.engine(live, log: HotLoadRig.temporaryPath(".log"))
    try HotLoadRig.drive(engine, 0..<events)
    return HotLoadRig.orders(engine)
  }

  @Test func aShadowOfTheSameVersionAgreesOnEveryStepAndSendsNothing() throws {
    let run = try Self.shadowed(HotLoadRig.breakout(window: 20))
    let metrics = run.engine.metrics
    // The first event makes no step (the strategy sees it at the second): step 10,239 was the last without it.
    let stepsSinceStart = UInt64(run.engine.strategies[0].runner.session.stepTimes.count - 10_239)
    #expect(metrics.shadowSteps.value == stepsSinceStart)
    #expect(metrics.shadowAgreeing.value == stepsSinceStart && metrics.shadowDiffering.value == 0)
    #expect(HotLoadRig.orders(run.engine) == (try Self.withoutShadow()))
    let rows = HotLoadRig.text(run.out + "/shadow_decisions.csv").split(separator: "\n")
    #expect(rows.first == "time,strategy,step,agreement,live,shadow")
    #expect(rows.count > 1_000 && rows.dropFirst().allSatisfy { $0.contains(",agree,") })
    #expect(rows.dropFirst().first?.contains("target GOOG ") == true)
    let status = run.engine.status.read().strategies[0]
    #expect(status.active && status.shadowCode == status.code && status.shadowSteps > 0 && status.shadowSteps == status.shadowAgreeing)
  }

  @Test func aShadowOfAChangedVersionReportsDifferencesAndNeverTrades() throws {
    let run = try Self.shadowed(HotLoadRig.breakout(window: 20, lot: 300))
    let metrics = run.engine.metrics
    #expect(metrics.shadowDiffering.value > 1_000 && metrics.shadowAgreeing.value > 0)
    #expect(metrics.shadowSteps.value == metrics.shadowAgreeing.value + metrics.shadowDiffering.value)
    #expect(HotLoadRig.orders(run.engine) == (try Self.withoutShadow()))
    #expect(HotLoadRig.text(run.out + "/shadow_decisions.csv").contains(",differ,target GOOG 100,target GOOG 300"))
  }

  @Test func aPromotedShadowTradesAndARecoveryAfterThePromotionEndsWithTheSameOrders() throws {
    let journal = HotLoadRig.temporaryPath("-journal")
    let first = try Self.shadowed(HotLoadRig.breakout(window: 20, lot: 300), promoteAt: 30_000, journal: journal)
    let host = first.engine.strategies[0]
    #expect(host.tap?.shadow == nil && host.runner.executor.interface.params.first?.value == 300)
    let orders = HotLoadRig.orders(first.engine)
    // Before the promotion at 30,208 the shadow sent nothing; after it, it trades 300 lots.
    let reference = try Self.withoutShadow()
    let promotedStep = 30_208
    #expect(orders.filter { $0.step <= promotedStep } == reference.filter { $0.step <= promotedStep })
    #expect(orders.contains { $0.step > promotedStep && $0.event == .submitted && abs($0.quantity) >= 300 })
    first.engine.journal?.sync()
    first.engine.journal?.close()
    // As after a kill -9 once promoted: the restart replays the shadow's start and promotion.
    let again = try HotLoadRig.engine(first.engine.setup.strategies[0].path, journal: journal, log: HotLoadRig.temporaryPath(".log"))
    try HotLoadRig.drive(again, 0..<Self.events)
    #expect(again.journal?.recovering == false)
    #expect(HotLoadRig.orders(again) == orders)
    #expect(again.strategies[0].runner.executor.interface.params.first?.value == 300)
  }

  @Test func aDiscardedShadowStopsAndTheLiveVersionGoesOn() throws {
    let live = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let engine = try HotLoadRig.engine(live, log: HotLoadRig.temporaryPath(".log"))
    let loader = try #require(engine.hotLoader)
    try HotLoadRig.drive(engine, 0..<Self.events) { delivered in
      if delivered == 5_000 { _ = loader.handle(.load(.init(path: live), shadow: true)) }
      if delivered == 6_000 { _ = loader.handle(.discard("breakout")) }
    }
    #expect(engine.strategies[0].tap?.shadow == nil && engine.status.read().strategies[0].shadowCode == nil)
    #expect(engine.metrics.shadowSteps.value == 6_144 - 5_120)
  }

  @Test func anUnloadedStrategyHasItsOrdersCancelledAndSeesNoMoreEvents() throws {
    let journal = HotLoadRig.temporaryPath("-journal")
    let path = try HotLoadRig.file("market_maker.strat", try String(contentsOfFile: HotLoadRig.root + "/Strategies/market_maker.strat", encoding: .utf8))
    let engine = try HotLoadRig.engine(path, journal: journal, log: HotLoadRig.temporaryPath(".log"))
    let loader = try #require(engine.hotLoader)
    try HotLoadRig.drive(engine, 0..<20_000) { delivered in
      if delivered == 10_000 { _ = loader.handle(.unload("market_maker")) }
    }
    let host = engine.strategies[0]
    #expect(!host.active && host.runner.session.stepTimes.count == 10_239)
    #expect(engine.status.read().strategies[0].active == false)
    let orders = HotLoadRig.orders(engine)
    #expect(orders.contains { $0.event == .cancelRequested } && orders.last?.event == .cancelled)
    #expect(host.runner.session.router.open.isEmpty)
    engine.journal?.sync()
    engine.journal?.close()
    let again = try HotLoadRig.engine(path, journal: journal, log: HotLoadRig.temporaryPath(".log"))
    try HotLoadRig.drive(again, 0..<20_000)
    #expect(again.journal?.recovering == false && !again.strategies[0].active)
    #expect(HotLoadRig.orders(again) == orders)
  }
}
