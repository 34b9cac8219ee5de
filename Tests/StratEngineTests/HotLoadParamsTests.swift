import Foundation
import StratABI
import StratNative
import StratRuntime
import Testing

@testable import StratEngine
@testable import strat_engine

/// A new version of a strategy the config set params for is built with those params, as a
/// recovery rebuilds it: the same file is `unchanged`, and a changed one keeps the config's lot.
@Suite struct HotLoadParamsTests {
  @Test func aHotLoadKeepsTheConfiguredParams() throws {
    let live = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    var venue = VenueConfig()
    venue.feedLatency = .zero
    var setup = EngineSetup(
      strategies: [.init(path: live, params: ["lot": "50"])], feed: .replay(path: HotLoadRig.day, date: nil, symbol: nil),
      venue: venue)
    setup.hotload = .init(folder: URL(fileURLWithPath: live).deletingLastPathComponent().path, policy: .carry)
    let logPath = HotLoadRig.temporaryPath(".log")
    FileManager.default.createFile(atPath: logPath, contents: nil)
    let engine = try Engine(
      setup: setup, builder: EngineBuilder(verifier: ObjectVerifier(keys: [], allowUnsigned: true)),
      log: EngineLog(handle: try #require(FileHandle(forWritingAtPath: logPath))))
    let loader = try #require(engine.hotLoader)

    #expect(loader.prepare(EngineSetup.Strategy(path: live), rollback: false) == nil, "the running file, with the config's params, is unchanged")
    #expect(HotLoadRig.text(logPath).contains("hotload.unchanged"))

    let changed = try HotLoadRig.file("breakout2.strat", HotLoadRig.breakout(window: 30), in: URL(fileURLWithPath: live).deletingLastPathComponent().path)
    let staged = try #require(loader.prepare(EngineSetup.Strategy(path: changed), rollback: false))
    let lot = staged.built?.executor.interface.params.first { $0.name == "lot" }
    #expect(lot?.value == 50, "the config's lot = 50, not the file's default 100")
  }
}
