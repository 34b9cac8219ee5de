import Foundation
import StratFIX
import StratMarket
import StratNet
import StratVenue

/// `strat-venue run`: the venue until SIGTERM or SIGINT; then the end of its ITCH day.
enum RunCommand {
  static let usage = """
    usage: strat-venue run [--config FILE] [--fix-port PORT] [--itch ADDR:PORT] [--request-port PORT]
                           [--instruments SYM,SYM] [--clients ID,ID] [--comp-id ID] [--store DIR]
                           [--seed FILE [--seed-date YYYY-MM-DD] [--seed-speed X]] [--metrics ADDR:PORT]
      The config (Examples/fix/venue.toml) sets everything; the flags override it. A FIX 4.4 acceptor (CompID VENUE; clients CLIENT1 by default) on 127.0.0.1:9878, a
      price-time matching engine per instrument, its book as ITCH 5.0 over MoldUDP64 to --itch
      (with a re-request server), optionally seeded from a replayed day (LOBSTER, ITCH, tick store);
      with --metrics, GET /metrics (Prometheus) and GET /health there (loopback unless [metrics]
      sets allow_remote = true).
    """

  static let valued: Set<String> = [
    "config", "fix-port", "itch", "request-port", "instruments", "clients", "comp-id", "store", "seed", "seed-date",
    "seed-speed", "metrics",
  ]

  static func main(_ args: ArraySlice<String>) -> Int32 {
    let settings: VenueSettings
    do { settings = try self.settings(try flags(args)) } catch let failure as VenueConfigFile.Failure {
      FileHandle.standardError.write(Data(failure.description.utf8))
      return 1
    } catch {
      FileHandle.standardError.write(Data("strat-venue run: \(error)\n\(usage)\n".utf8))
      return 2
    }
    let log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    let server: VenueServer
    do { server = try VenueServer(settings, log: log) } catch {
      FileHandle.standardError.write(Data("strat-venue run: \(error)\n".utf8))
      return 1
    }
    server.start()
    let feed = server.core.feed.map { " ITCH to \($0.sender.destination), re-requests on \($0.sender.requestAddress.map { "\($0)" } ?? "none")," } ?? ""
    let metrics = server.metricsServer.map { ", metrics on http://\($0.address)/metrics" } ?? ""
    FileHandle.standardOutput.write(Data("strat-venue: FIX 4.4 on \(server.acceptor.address) as \(settings.compID) for \(settings.clients.joined(separator: ", ")),\(feed) \(settings.instruments.count) instruments\(metrics)\n".utf8))
    SignalWait.untilTerminated()
    server.stop()
    if let counts = server.core.seedCounts {
      log("strat-venue: seed applied \(counts.applied), clamped \(counts.clamped), ignored \(counts.ignored)")
    }
    for client in settings.clients {
      let orders = server.core.clientOrders(session: "\(settings.compID)-\(client)")
      var positions: [String: Int64] = [:]
      for order in orders { positions[order.symbol, default: 0] += order.isBuy ? order.filled : -order.filled }
      let text = positions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      log("strat-venue: \(client): \(orders.count) orders, \(orders.filter(\.isOpen).count) open, position \(text.isEmpty ? "none" : text)")
    }
    log("strat-venue: stopped after \(server.core.handled) client requests")
    return 0
  }

  struct Problem: Error, CustomStringConvertible { let description: String }

  static func flags(_ args: ArraySlice<String>) throws -> [String: String] {
    var flags: [String: String] = [:]
    var rest = args[...]
    while let arg = rest.popFirst() {
      guard arg.hasPrefix("--"), valued.contains(String(arg.dropFirst(2))) else { throw Problem(description: "unknown argument `\(arg)`") }
      guard let value = rest.popFirst() else { throw Problem(description: "\(arg) needs a value") }
      flags[String(arg.dropFirst(2))] = value
    }
    return flags
  }

  static func settings(_ flags: [String: String]) throws -> VenueSettings {
    var settings = try flags["config"].map { path throws in try VenueConfigFile.load(path: path) } ?? VenueSettings()
    if let ids = flags["clients"] { settings.clients = ids.split(separator: ",").map(String.init) }
    if let id = flags["comp-id"] { settings.compID = id }
    if let symbols = flags["instruments"] {
      settings.instruments = symbols.split(separator: ",").enumerated().map {
        MatchingInstrument(symbol: String($0.element), locate: UInt16($0.offset + 1))
      }
    }
    if let text = flags["fix-port"] {
      guard let port = UInt16(text) else { throw Problem(description: "--fix-port must be 0–65535; found `\(text)`") }
      settings.fixAddress = TCPAddress(host: settings.fixAddress.host, port: port)
    }
    if let text = flags["itch"] {
      do { settings.itch = try SocketAddress(parsing: text) } catch { throw Problem(description: "--itch: \(error)") }
    }
    if let text = flags["request-port"] {
      guard let port = UInt16(text) else { throw Problem(description: "--request-port must be 0–65535; found `\(text)`") }
      settings.requestPort = port
    }
    if let folder = flags["store"] { settings.store = folder }
    if let text = flags["metrics"] {
      do { settings.metrics = try TCPAddress.parse(text) } catch { throw Problem(description: "--metrics: \(error.message)") }
      guard settings.isMetricsAddressAllowed else {
        throw Problem(description: "--metrics \(text) is not a loopback address and [metrics] does not set allow_remote = true")
      }
    }
    if let path = flags["seed"] {
      let speed = try flags["seed-speed"].map { text in
        guard let speed = Double(text), speed > 0, speed <= 1e6 else { throw Problem(description: "--seed-speed must be above 0 and at most 1000000") }
        return speed
      } ?? 1
      settings.seed = .init(path: path, date: flags["seed-date"], speed: speed)
    }
    guard !settings.instruments.isEmpty else { throw Problem(description: "no instruments: give --instruments SYM,SYM or [[instrument]] in the config") }
    guard !settings.clients.isEmpty else { throw Problem(description: "no clients") }
    return settings
  }
}

/// Waits for SIGTERM or SIGINT.
enum SignalWait {
  static func untilTerminated() {
    signal(SIGPIPE, SIG_IGN)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_BLOCK, &set, nil)
    var received: Int32 = 0
    sigwait(&set, &received)
  }
}
