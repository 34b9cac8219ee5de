import Foundation
import StratNative
import StratNet

extension HotLoader {
  /// Builds and checks a version and stages it for the hot thread (to swap in, or to run as a
  /// shadow); nil when it is refused.
  func prepare(_ request: EngineSetup.Strategy, rollback: Bool, shadow: Bool = false) -> Staged? {
    var built: BuiltStrategy
    do throws(EngineError) {
      built = try builder.build(request)
      // A version of a configured strategy gets its params and bindings, from the bytes just read.
      if request.params.isEmpty, request.instruments.isEmpty, let setup = configured[built.executor.interface.name],
        !setup.params.isEmpty || !setup.instruments.isEmpty
      {
        built = try builder.build(built.blob(path: request.path).strategy(like: setup))
      }
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
    if old.codeHash == built.codeHash && old.backend == built.backend && old.executor.interface.params == built.executor.interface.params
      && !rollback && !shadow
    {
      log.info("hotload.unchanged", ["strategy": .string(name), "file": .string(request.path)])
      return nil
    }
    if shadow && shadowLogs.withLock({ $0[name] != nil }) {
      return refuse(request.path, "hotload.shadow-exists", "`\(name)` already has a shadow; promote or discard it first")
    }
    let carry = StateCarry(from: old.stateLayout, to: built.stateLayout)
    var plan: StateCarry?
    var warmUp: WarmUp?
    switch (carry?.complete ?? false, policy) {
    case (true, _), (false, .carry): plan = carry
    case (false, .reset): plan = nil
    case (false, .refuse):
      return refuse(request.path, "hotload.state-differs", "the new `\(name)`'s state layout differs (fresh: \((carry?.fresh ?? ["unknown layout"]).joined(separator: ", "))) and hotload.state is refuse")
    case (false, .warmup):
      guard let ring = rings[name], let w = WarmUp.run(built.executor, ring: ring, nearSwap: nearSwap) else {
        return refuse(request.path, "hotload.warmup", "the warm-up of `\(name)` was lapped by the hot thread 8 times in a row; the running version keeps trading")
      }
      warmUp = w
    }
    if !rollback && !shadow { record(built, as: name) }
    let staged = Staged(shadow ? .shadow : .swap, name: name, built: built, setup: request, carry: plan, warmUp: warmUp)
    if shadow { staged.shadowLog = shadowLog(for: name, symbols: built.executor.interface.instruments.map(\.symbol)) }
    if !shadow { staged.prepareJournalRecord(built, path: request.path) }
    stage(staged)
    log.info(shadow ? "hotload.shadow-staged" : "hotload.staged", [
      "strategy": .string(name), "file": .string(request.path), "code": .string(built.codeHash),
      "state": .string(warmUp != nil ? "warmup" : plan == nil ? "reset" : (plan!.complete ? "carried" : "carried in part")),
      "carried": .string((plan?.carried(built.stateLayout ?? []) ?? []).joined(separator: ",")),
      "fresh": .string(warmUp != nil ? "" : (plan?.fresh ?? (built.stateLayout ?? []).map(\.name)).joined(separator: ",")),
      "warmup_records": .int(warmUp.map { Int($0.next - $0.start) } ?? 0),
    ])
    return staged
  }

  /// True in the last 16 events before the hot thread's next 256-event boundary (or always,
  /// when the loader is driven on the hot thread itself, as the benchmark's probe does).
  func nearSwap() -> Bool { !waitsForBoundary || metrics.events.value & 255 >= 240 }

  /// The same version warmed up again, after the hot thread found its warm-up lapped.
  func rewarmed(_ lapped: Staged) -> Staged? {
    guard let built = lapped.built, let ring = rings[lapped.name], let w = WarmUp.run(built.executor, ring: ring, nearSwap: nearSwap) else {
      return refuse(lapped.setup.path, "hotload.warmup", "the warm-up of `\(lapped.name)` was lapped by the hot thread; the running version keeps trading")
    }
    let staged = Staged(lapped.action, name: lapped.name, built: built, setup: lapped.setup, carry: nil, warmUp: w)
    staged.shadowLog = lapped.shadowLog
    if lapped.action == .swap { staged.prepareJournalRecord(built, path: lapped.setup.path) }
    stage(staged)
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
    if let failure = staged.failure {
      log.warning("hotload.dropped", ["strategy": .string(staged.name), "message": .string(failure)])
    } else if staged.action == .swap || staged.action == .promote {
      metrics.hotLoads.add()
      log.info(staged.action == .swap ? "hotload.swapped" : "hotload.promoted", [
        "strategy": .string(staged.name), "code": .string(staged.built?.codeHash ?? ""), "pause_ns": .int(Int(staged.pauseNanos)),
      ])
    } else {
      log.info("hotload.\(staged.action)", ["strategy": .string(staged.name)])
    }
    if staged.action == .promote || staged.action == .discard || staged.action == .unload { closeShadowLog(staged.name) }
    if staged.failure != nil && staged.action == .shadow { closeShadowLog(staged.name) }
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
      var isFolder: ObjCBool = false
      let shown = value.count > 256 ? String(value.prefix(256)) + "…" : value
      guard FileManager.default.fileExists(atPath: value, isDirectory: &isFolder) else {
        return .error(404, id: "hotload.no-file", message: "\(shown) does not exist")
      }
      guard !isFolder.boolValue else { return .error(400, id: "hotload.not-a-file", message: "\(shown) is a folder, not a .strat or .so") }
      guard Self.hasField("shadow", in: body) == (Self.boolField("shadow", in: body) != nil) else {
        return .error(400, id: "hotload.body", message: "\"shadow\" must be true or false")
      }
      let shadow = Self.boolField("shadow", in: body)
      request(EngineSetup.Strategy(path: value), shadow: shadow)
      let mode = (shadow ?? (shadowByDefault || Self.isShadowName(value))) ? "shadow" : "load"
      return .json(202, "{\"accepted\":\"\(mode)\",\"file\":\(JSONValue.string(value).text)}")
    case "promote", "unload":
      guard running(value) != nil else {
        return .error(404, id: "hotload.unknown-strategy", message: "no strategy is named `\(value.prefix(256))`")
      }
      let discard = action == "unload" && Self.boolField("shadow", in: body) == true
      if action == "promote" || discard, !shadowLogs.withLock({ $0[value] != nil }) {
        return .error(409, id: "hotload.no-shadow", message: "`\(value)` has no shadow to \(discard ? "discard" : "promote")")
      }
      request(action == "promote" ? .promote(value) : discard ? .discard(value) : .unload(value))
      let what = action == "promote" ? "promote" : discard ? "discard" : "unload"
      return .json(202, "{\"accepted\":\"\(what)\",\"strategy\":\(JSONValue.string(value).text),\"applies\":\"between two events, within 256 events\"}")
    case "rollback":
      guard running(value) != nil else {
        return .error(404, id: "hotload.unknown-strategy", message: "no strategy is named `\(value.prefix(256))`")
      }
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
      return .error(404, id: "hotload.\(action)", message: "no such action `\(action)` (load, promote, unload, rollback)")
    }
  }

  package func versionsJSON() -> String {
    let rows = allVersions().sorted { $0.key < $1.key }.map { name, list in
      "{\"strategy\":\(JSONValue.string(name).text),\"versions\":[\(list.map { "{\"code\":\(JSONValue.string($0.codeHash).text),\"backend\":\(JSONValue.string($0.backend).text)}" }.joined(separator: ","))]}"
    }
    return "[\(rows.joined(separator: ","))]"
  }

  /// The Boolean value of `key` in a small JSON object; nil when it is absent or not a Boolean.
  static func boolField(_ key: String, in body: String) -> Bool? {
    guard let data = body.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object[key] as? Bool
  }

  /// True when the small JSON object `body` has `key`, whatever its value.
  static func hasField(_ key: String, in body: String) -> Bool {
    guard let data = body.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return false }
    return object[key] != nil
  }

  /// The string value of `key` in a small JSON object (the control API's bodies).
  static func stringField(_ key: String, in body: String) -> String? {
    guard let data = body.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return object[key] as? String
  }
}
