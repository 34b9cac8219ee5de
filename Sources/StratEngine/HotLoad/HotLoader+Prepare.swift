import Foundation
import StratNative
import StratNet

extension HotLoader {
  /// Builds and checks a version and stages it for the hot thread; nil when it is refused.
  func prepare(_ request: EngineSetup.Strategy, rollback: Bool) -> Staged? {
    let built: BuiltStrategy
    do throws(EngineError) {
      built = try builder.build(request)
    } catch {
      return refuse(request.path, error.id, error.message)
    }
    let name = built.executor.interface.name
    guard let old = running(name) else {
      return refuse(request.path, "hotload.unknown-strategy", "no running strategy is named `\(name)`; hot-load replaces running strategies")
    }
    guard old.executor.interface.instruments.count == built.executor.interface.instruments.count else {
      return refuse(request.path, "hotload.instruments", "the new `\(name)` trades \(built.executor.interface.instruments.count) instruments, the running one \(old.executor.interface.instruments.count)")
    }
    if old.codeHash == built.codeHash && old.executor.interface.params == built.executor.interface.params && !rollback {
      log.info("hotload.unchanged", ["strategy": .string(name), "file": .string(request.path)])
      return nil
    }
    let carry = StateCarry(from: old.stateLayout, to: built.stateLayout)
    let plan: StateCarry?
    switch (carry?.complete ?? false, policy) {
    case (true, _), (false, .carry): plan = carry
    case (false, .reset): plan = nil
    case (false, .refuse):
      return refuse(request.path, "hotload.state-differs", "the new `\(name)`'s state layout differs (fresh: \((carry?.fresh ?? ["unknown layout"]).joined(separator: ", "))) and hotload.state is refuse")
    case (false, .warmup):
      return refuse(request.path, "hotload.warmup", "the layouts differ and hotload.state is warmup, which this engine does not do yet; set carry, reset or refuse")
    }
    if !rollback { record(built, as: name) }
    let staged = Staged(name: name, built: built, setup: request, carry: plan)
    stage(staged)
    log.info("hotload.staged", [
      "strategy": .string(name), "file": .string(request.path), "code": .string(built.codeHash),
      "state": .string(plan == nil ? "reset" : (plan!.complete ? "carried" : "carried in part")),
    ])
    return staged
  }

  /// Logs and counts a refused version; the running one keeps trading.
  func refuse(_ path: String, _ id: String, _ message: String) -> Staged? {
    metrics.hotLoadRefusals.add()
    log.warning("hotload.refused", ["file": .string(path), "id": .string(id), "message": .string(message)])
    return nil
  }

  /// After the hot thread swapped: releases the old version here, off the hot thread.
  func finish(_ staged: Staged) {
    metrics.hotLoads.add()
    log.info("hotload.swapped", ["strategy": .string(staged.name), "code": .string(staged.built.codeHash), "pause_ns": .int(Int(staged.pauseNanos))])
    staged.retired = nil
  }

  // MARK: - StrategyControl

  package func handle(_ action: String, body: String) -> HTTPResponse {
    let field = action == "load" ? "file" : "name"
    guard let value = Self.stringField(field, in: body) else {
      return .error(400, id: "hotload.body", message: "expected a JSON body {\"\(field)\": \"…\"}")
    }
    switch action {
    case "load":
      guard FileManager.default.fileExists(atPath: value) else { return .error(404, id: "hotload.no-file", message: "\(value) does not exist") }
      request(EngineSetup.Strategy(path: value))
      return .json(202, "{\"accepted\":\"load\",\"file\":\(JSONValue.string(value).text)}")
    case "rollback":
      guard let previous = previous(value) else { return .error(409, id: "hotload.no-previous", message: "`\(value)` has no earlier version") }
      dropLast(value)
      do {
        let executor = try NativeExecutor(code: previous.executor.code, parameters: previous.executor.interface.params, symbols: previous.executor.interface.instruments.map(\.symbol))
        var again = previous
        again.executor = executor
        let current = running(value)
        stage(Staged(name: value, built: again, setup: EngineSetup.Strategy(path: "rollback"), carry: StateCarry(from: current?.stateLayout, to: again.stateLayout)))
        log.info("hotload.rollback", ["strategy": .string(value), "code": .string(previous.codeHash)])
        return .json(202, "{\"accepted\":\"rollback\",\"strategy\":\(JSONValue.string(value).text),\"code\":\(JSONValue.string(previous.codeHash).text)}")
      } catch {
        return .error(500, id: "hotload.rollback", message: "\(error)")
      }
    default:
      return .error(501, id: "hotload.\(action)", message: "`\(action)` is not available in this engine yet (load and rollback are)")
    }
  }

  package func versionsJSON() -> String {
    let rows = allVersions().sorted { $0.key < $1.key }.map { name, list in
      "{\"strategy\":\(JSONValue.string(name).text),\"versions\":[\(list.map { "{\"code\":\(JSONValue.string($0.codeHash).text),\"backend\":\(JSONValue.string($0.backend).text)}" }.joined(separator: ","))]}"
    }
    return "[\(rows.joined(separator: ","))]"
  }

  /// The string value of `key` in a small JSON object (the control API's bodies).
  static func stringField(_ key: String, in body: String) -> String? {
    guard let data = body.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object[key] as? String
  }
}
