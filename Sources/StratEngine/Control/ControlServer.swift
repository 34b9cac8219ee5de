import StratNet

/// Starts the control server the config asks for, on loopback unless it allows otherwise
/// (the config checked that), with the token read from its 0600 file.
package enum ControlServer {
  package static func start(
    listen: String, tokenFile: String, engine: Engine, strategies: StrategyControl?
  ) throws(EngineError) -> HTTPServer {
    do throws(StratNetError) {
      let token = try BearerToken.load(path: tokenFile)
      let address = try TCPAddress.parse(listen)
      let journalMetrics = engine.journalMetrics
      let routes = EngineControl.routes(
        status: engine.status, commands: engine.commands, metrics: engine.metrics,
        journal: { journalMetrics?.snapshot() }, strategies: strategies,
        risk: { [monitor = engine.risk.monitor] in monitor.snapshot().json })
      let server = try HTTPServer(address: address, routes: routes, token: token)
      try server.counters.register(in: engine.metrics.registry)
      server.start()
      engine.log.info("control.listening", ["address": .string("\(server.address)")])
      return server
    } catch {
      throw EngineError(id: error.id, message: error.message, notes: error.notes)
    }
  }
}
