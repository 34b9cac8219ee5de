import Foundation
import StratABI
import StratNative
import Testing

@testable import StratEngine
@testable import strat_engine

/// Warm-up: a version whose state does not agree with the running one's replays the ring of
/// recent input records, and decides from the swap on as it would have run from the start.
@Suite(.serialized) struct HotLoadWarmUpTests {
  static let events = 40_000
  static let stagedAt: UInt64 = 20_380

  /// The breakout over 10 steps runs; the one over 20 is hot-loaded at event 20,380 (swapped
  /// at 20,480, replaying the last 100 records itself) — or from another thread meanwhile.
  static func hotLoaded(_ policy: HotLoader.Policy, concurrently: Bool = false, journal: String? = nil) throws -> (
    decisions: HotLoadRig.Decisions, swapStep: Int?, engine: Engine, log: String
  ) {
    let old = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 10))
    let new = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20), in: URL(fileURLWithPath: old).deletingLastPathComponent().path + "/v2")
    let log = HotLoadRig.temporaryPath(".log")
    let engine = try HotLoadRig.engine(old, policy: policy, journal: journal, log: log)
    let loader = try #require(engine.hotLoader)
    let oldCode = engine.strategies[0].built.codeHash
    var swapStep: Int?
    var thread: Thread?
    let prepared = DispatchSemaphore(value: 0)
    let decisions = try HotLoadRig.drive(engine, 0..<events) { delivered in
      // The engine runs on while the other thread compiles; halfway to the end it waits for
      // that thread, so that a loaded machine delays the swap but never skips it.
      if concurrently, delivered == stagedAt + 10_000 { prepared.wait() }
      if delivered == stagedAt {
        if concurrently {
          thread = Thread {
            _ = loader.prepare(.init(path: new), rollback: false)
            prepared.signal()
          }
          thread?.start()
        } else {
          #expect(loader.prepare(.init(path: new), rollback: false)?.warmUp != nil || policy != .warmup)
        }
      }
      if swapStep == nil, engine.strategies[0].built.codeHash != oldCode {
        swapStep = engine.strategies[0].runner.session.stepTimes.count
      }
    }
    return (decisions, swapStep, engine, log)
  }

  /// The breakout over 20 run from the start of the day.
  static func fromTheStart() throws -> HotLoadRig.Decisions {
    let path = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    return try HotLoadRig.drive(try HotLoadRig.engine(path, log: HotLoadRig.temporaryPath(".log")), 0..<events)
  }

  /// Steps after `swap` whose decisions differ from `reference`'s.
  static func differences(_ run: HotLoadRig.Decisions, after swap: Int, _ reference: HotLoadRig.Decisions) -> Int {
    run.filter { $0.key > swap && !same(reference[$0.key], $0.value) }.count
  }

  /// Equal decisions, bit for bit (a target's price is NaN, which `==` never equals).
  static func same(_ a: [Decision]?, _ b: [Decision]?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
  }

  @Test(arguments: [false, true])
  func aWarmedUpVersionDecidesFromTheSwapOnAsWhenRunFromTheStart(concurrently: Bool) throws {
    let reference = try Self.fromTheStart()
    let run = try Self.hotLoaded(.warmup, concurrently: concurrently)
    let swap = try #require(run.swapStep, "\(HotLoadRig.text(run.log))")
    #expect(concurrently || swap == 20_480)
    #expect(reference.filter { $0.key > swap && !$0.value.isEmpty }.count > 1_000)
    #expect(Self.differences(run.decisions, after: swap, reference) == 0)
    // Before the swap the old version decided otherwise (the comparison can tell them apart).
    #expect(run.decisions.filter { $0.key <= swap && !Self.same(reference[$0.key], $0.value) }.count > 100)
    #expect(HotLoadRig.text(run.log).contains("\"state\":\"warmup\""))
  }

  @Test func withoutTheWarmUpTheNewVersionDecidesOtherwiseAfterTheSwap() throws {
    let reference = try Self.fromTheStart()
    let run = try Self.hotLoaded(.reset)
    let swap = try #require(run.swapStep)
    #expect(Self.differences(run.decisions, after: swap, reference) > 0)
  }

  @Test func aRecoveryReplaysTheWarmUpToTheSameOrders() throws {
    let journal = HotLoadRig.temporaryPath("-journal")
    let first = try Self.hotLoaded(.warmup, journal: journal)
    #expect(first.swapStep == 20_480)
    first.engine.journal?.sync()
    first.engine.journal?.close()  // as a killed process leaves it: appended, not ended
    let orders = HotLoadRig.orders(first.engine)
    let path = first.engine.setup.strategies[0].path
    // A new process on the same journal: it re-runs the day, warms the version up on the same
    // records at the same event, and meets every journaled record byte for byte.
    let again = try HotLoadRig.engine(path, policy: .warmup, journal: journal, log: HotLoadRig.temporaryPath(".log"))
    #expect(again.journal?.recovering == true)
    let decisions = try HotLoadRig.drive(again, 0..<Self.events)
    #expect(again.journal?.recovering == false)
    #expect(HotLoadRig.orders(again) == orders && orders.count > 100)
    #expect(decisions.count == first.decisions.count && decisions.allSatisfy { Self.same($0.value, first.decisions[$0.key]) })
  }

  @Test func aReaderLappedByTheWriterIsToldSo() throws {
    let path = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let built = try EngineBuilder(verifier: ObjectVerifier(keys: [], allowUnsigned: true)).build(.init(path: path))
    let ring = InputRing(capacity: 8, recordBytes: built.executor.inputRecordBytes)
    for _ in 0..<20 { ring.append(built.executor, at: 1) }
    #expect(ring.capacity == 8 && ring.count == 20)
    #expect(!ring.replay(11, into: built.executor))  // overwritten by record 19
    #expect(ring.replay(13, into: built.executor))
    #expect(!ring.replay(20, into: built.executor))  // not written yet
    #expect(WarmUp(start: 10, next: 12).finish(built.executor, ring: ring) == false)
    #expect(WarmUp(start: 13, next: 13).finish(built.executor, ring: ring))
    #expect(built.executor.code.warmupSteps == 19)
  }
}

/// The hot-swap probe's counts (never its times): one swap per 4,096 events, each warmed up.
@Suite struct HotSwapProbeTests {
  @Test func theProbeSwapsEvery4096EventsWarmingEachVersionUp() throws {
    let live = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let folder = URL(fileURLWithPath: live).deletingLastPathComponent().path
    let versions = [
      EngineSetup.Strategy(path: try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 10), in: folder + "/a")),
      EngineSetup.Strategy(path: live),
    ]
    let engine = try HotLoadRig.engine(live, policy: .warmup, log: HotLoadRig.temporaryPath(".log"))
    let r = try HotSwapProbe.run(engine, versions: versions, every: 4_096)
    #expect(r.events == engine.feed.day?.events.count)
    #expect(r.swaps == r.events / 4_096)
    #expect(r.pause.count == r.swaps && r.warmupRecords >= r.swaps * 25)
  }
}
