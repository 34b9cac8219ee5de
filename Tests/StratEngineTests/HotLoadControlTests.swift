import Foundation
import StratNet
import Testing

@testable import StratEngine
@testable import strat_engine

/// The control API's strategy routes as the HTTP thread calls them: what each queues for the
/// hot-load thread, and the answers to requests that name nothing.
@Suite struct HotLoadControlTests {
  @Test func theStrategyRoutesQueueShadowPromoteDiscardAndUnload() throws {
    let live = try HotLoadRig.file("breakout.strat", HotLoadRig.breakout(window: 20))
    let engine = try HotLoadRig.engine(live, log: HotLoadRig.temporaryPath(".log"))
    let loader = try #require(engine.hotLoader)
    func text(_ r: HTTPResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    let shadow = loader.handle("load", body: "{\"file\":\"\(live)\",\"shadow\":true}")
    #expect(shadow.status == 202 && text(shadow).contains("\"accepted\":\"shadow\""))
    guard case .load(let strategy, shadow: true)? = loader.nextRequest() else { Issue.record("no shadow load queued"); return }
    #expect(strategy.path == live)
    let plain = loader.handle("load", body: "{\"file\":\"\(live)\"}")
    #expect(text(plain).contains("\"accepted\":\"load\""))
    guard case .load(_, shadow: false)? = loader.nextRequest() else { Issue.record("no load queued"); return }

    // The shadow load above is only queued, no shadow runs: promote and discard say so at once.
    #expect(loader.handle("promote", body: "{\"name\":\"breakout\"}").status == 409)
    #expect(text(loader.handle("unload", body: "{\"name\":\"breakout\",\"shadow\":true}")).contains("hotload.no-shadow"))
    // Not a Boolean, a folder, an unknown name for rollback: refused, nothing queued.
    #expect(loader.handle("load", body: "{\"file\":\"\(live)\",\"shadow\":\"true\"}").status == 400)
    #expect(text(loader.handle("load", body: "{\"file\":\"/tmp\"}")).contains("hotload.not-a-file"))
    #expect(loader.handle("rollback", body: "{\"name\":\"nobody\"}").status == 404)
    let long = String(repeating: "x", count: 100_000)
    #expect(loader.handle("promote", body: "{\"name\":\"\(long)\"}").body.count < 1_000, "the name is not echoed whole")
    #expect(text(loader.handle("unload", body: "{\"name\":\"breakout\"}")).contains("\"accepted\":\"unload\""))
    guard case .unload("breakout")? = loader.nextRequest() else { Issue.record("no unload queued"); return }

    #expect(loader.handle("promote", body: "{\"name\":\"nobody\"}").status == 404)
    #expect(loader.handle("unload", body: "{}").status == 400)
    #expect(loader.nextRequest() == nil)
    #expect(HotLoader.isShadowName("/x/breakout.shadow.strat") && HotLoader.isShadowName("/x/b.shadow.so"))
    #expect(!HotLoader.isShadowName("/x/breakout.strat"))
  }
}
