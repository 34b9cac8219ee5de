import Foundation
import StratNative

extension HotLoader {
  /// Takes one request on the hot-load thread: a version is built and staged; a promotion,
  /// a discard or an unload is staged as it is (the hot thread checks it has a target).
  func handle(_ request: Request) -> Staged? {
    switch request {
    case .load(let strategy, let shadow): return prepare(strategy, rollback: false, shadow: shadow)
    case .promote(let name): return stageAction(.promote, name)
    case .discard(let name): return stageAction(.discard, name)
    case .unload(let name): return stageAction(.unload, name)
    }
  }

  func stageAction(_ action: Staged.Action, _ name: String) -> Staged {
    let staged = Staged(action, name: name, built: nil, setup: EngineSetup.Strategy(path: "\(action)"), carry: nil)
    stage(staged)
    return staged
  }

  /// A fresh decision log for `name`'s shadow, drained from now on.
  func shadowLog(for name: String, symbols: [String]) -> ShadowLog {
    let log = ShadowLog()
    shadowLogs.withLock { $0[name] = (log, symbols) }
    return log
  }

  /// Appends every shadow's new decision rows to `shadow_decisions.csv` in `out`; returns how
  /// many logs are open (the loop drains every millisecond while there is one).
  @discardableResult
  func drainShadows() -> Int {
    // One consumer at a time: a recovery's promotion closes a log from the hot thread.
    drainLock.withLock { _ in drainShadowsNow() }
  }

  private func drainShadowsNow() -> Int {
    let logs = shadowLogs.withLock { $0 }
    var text = ""
    for (name, entry) in logs.sorted(by: { $0.key < $1.key }) { text += entry.log.drain(strategy: name, symbols: entry.symbols) }
    guard let out, !text.isEmpty else { return logs.count }
    let path = out + "/shadow_decisions.csv"
    if !FileManager.default.fileExists(atPath: path) {
      try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      FileManager.default.createFile(atPath: path, contents: Data(ShadowLog.header.utf8))
    }
    if let handle = FileHandle(forWritingAtPath: path) {
      handle.seekToEndOfFile()
      handle.write(Data(text.utf8))
      try? handle.close()
    }
    return logs.count
  }

  /// Stops draining `name`'s shadow log once its last rows are written (it was promoted or dropped).
  func closeShadowLog(_ name: String) {
    drainLock.withLock { _ in
      _ = drainShadowsNow()
      shadowLogs.withLock { _ = $0.removeValue(forKey: name) }
    }
  }
}
