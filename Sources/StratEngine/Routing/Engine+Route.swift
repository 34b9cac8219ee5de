import StratRuntime

extension Engine {
  /// The venues of `[venue] kind = "routed"`: one FIX gateway and one ITCH quote book per route,
  /// behind one smart order router that the strategy's OMS sends to. Nil when not routed.
  static func connectRoutes(_ setup: EngineSetup, _ hosted: [HostedStrategy], log: EngineLog) throws(EngineError) -> (SmartOrderRouter, [FIXOrderGateway])? {
    guard !setup.routes.isEmpty else { return nil }
    try requireOneStrategy(hosted, "a routed venue")
    let symbols = hosted[0].built.executor.interface.instruments.map(\.symbol)
    var gateways: [FIXOrderGateway] = []
    var quotes: [LiveQuoteBook] = []
    do throws(EngineError) {
      for route in setup.routes {
        let store = route.fix.store ?? setup.journal.map { $0 + "/fix-" + route.name }
        gateways.append(try fixGateway(route.fix, name: route.name, store: store, hosted[0], log: log))
        quotes.append(
          try LiveQuoteBook(listen: route.itch.description, request: route.request?.description, date: date(of: setup.feed), symbols: symbols))
        log.info("route.venue", ["venue": .string(route.name), "itch": .string(route.itch.description)])
      }
    } catch {
      gateways.forEach { $0.initiator.stop() }
      throw error
    }
    let venues = setup.routes.map { route in
      RouteVenue(
        name: route.name, fees: VenueFees(maker: EngineSetup.fee(route.makerFee), taker: EngineSetup.fee(route.takerFee)),
        latencyNanos: route.latencyNanos)
    }
    let router = SmartOrderRouter(venues: venues, gateways: gateways, quotes: quotes, policy: setup.routingPolicy)
    hosted[0].runner.session.remote = router
    return (router, gateways)
  }

  /// The session date the quote feeds' ITCH timestamps count from: the trading feed's.
  static func date(of feed: EngineSetup.Feed) -> String {
    switch feed {
    case .itchUDP(_, _, let date): date
    case .replay(_, let date, _): date ?? "1970-01-01"
    }
  }
}
