import Foundation
import StratEngine
import StratNet

/// `strat-engine ctl COMMAND`: the control API's client. The address and token come from the
/// engine's config (`--config`, its [control] table) or from `--control` and `--token-file`.
///   status | positions | orders | strategies | metrics | kill | resume
///   load FILE | shadow FILE | promote NAME | discard NAME | unload NAME | rollback NAME
enum CtlCommand {
  static let usage = """
    usage: strat-engine ctl COMMAND [ARG] (--config FILE | --control ADDR:PORT --token-file FILE)
      COMMAND: status, positions, orders, strategies, metrics, kill, resume,
               load FILE, shadow FILE (run it beside the live version), promote NAME (the shadow),
               discard NAME (the shadow), unload NAME, rollback NAME
    """

  static let gets = ["status": "/v1/status", "positions": "/v1/positions", "orders": "/v1/orders", "strategies": "/v1/strategies", "metrics": "/metrics"]
  static let posts = ["kill": "/v1/kill", "resume": "/v1/resume"]
  static let strategyPosts = [
    "load": "file", "shadow": "file", "unload": "name", "discard": "name", "promote": "name", "rollback": "name",
  ]
  /// Commands that are another route's with `"shadow": true` in the body.
  static let shadowRoutes = ["shadow": "load", "discard": "unload"]

  static func main(_ args: ArraySlice<String>) -> Int32 {
    var rest = Array(args)
    guard let command = rest.first else { return fail("a COMMAND is required") }
    rest.removeFirst()
    var argument: String?
    if strategyPosts[command] != nil {
      guard let a = rest.first, !a.hasPrefix("--") else { return fail("`\(command)` needs its \(strategyPosts[command]!)") }
      argument = a
      rest.removeFirst()
    }
    var flags: [String: String] = [:]
    while let flag = rest.first {
      guard ["--config", "--control", "--token-file"].contains(flag), rest.count >= 2 else { return fail("unknown argument `\(flag)`") }
      flags[String(flag.dropFirst(2))] = rest[1]
      rest.removeFirst(2)
    }
    guard let (address, tokenFile) = endpoint(flags) else { return 2 }
    let method = gets[command] != nil ? "GET" : "POST"
    let route = shadowRoutes[command] ?? command
    guard let path = gets[command] ?? posts[command] ?? strategyPosts[command].map({ _ in "/v1/strategies/\(route)" }) else {
      return fail("unknown command `\(command)`")
    }
    var body: [UInt8] = []
    if let argument, let key = strategyPosts[command] {
      let value = key == "file" ? URL(fileURLWithPath: argument).standardizedFileURL.path : argument
      let shadow = shadowRoutes[command] != nil ? ",\"shadow\":true" : ""
      body = Array("{\"\(key)\":\(JSONValue.string(value).text)\(shadow)}".utf8)
    }
    do throws(StratNetError) {
      let token = try BearerToken.load(path: tokenFile)
      let response = try HTTPClient.send(
        method, path, to: try TCPAddress.parse(address),
        headers: [token.authorizationHeader, HTTPHeader("Content-Type", "application/json")], body: body)
      FileHandle.standardOutput.write(Data(response.body))
      if response.body.last != 0x0A { FileHandle.standardOutput.write(Data("\n".utf8)) }
      return (200..<300).contains(response.status) ? 0 : 1
    } catch {
      FileHandle.standardError.write(Data("strat-engine ctl: \(error.id): \(error.message)\n".utf8))
      return 1
    }
  }

  /// The control address and token file from the flags or the engine's config.
  static func endpoint(_ flags: [String: String]) -> (String, String)? {
    if let path = flags["config"] {
      do throws(EngineConfigError) {
        let config = try EngineConfig.load(path: path)
        guard let control = config.control else {
          _ = fail("\(path) has no [control] table")
          return nil
        }
        return (flags["control"] ?? control.listen.description, flags["token-file"] ?? control.tokenFile)
      } catch {
        _ = fail(error.diagnostics.first?.message ?? "\(path) does not load")
        return nil
      }
    }
    guard let control = flags["control"], let token = flags["token-file"] else {
      _ = fail("give --config FILE, or --control ADDR:PORT and --token-file FILE")
      return nil
    }
    return (control, token)
  }

  static func fail(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data("strat-engine ctl: \(message)\n\(usage)\n".utf8))
    return 2
  }
}
