import StratABI
import StratNative

/// A version running beside the live one (canary): after each live step the hot thread gives
/// it the same input record and steps it; its decisions are compared with the live ones and
/// logged, never sent. `promote` makes it the live version with the state it built on live data.
package final class ShadowRun {
  package let built: BuiltStrategy
  package let path: String
  let log: ShadowLog
  let metrics: EngineMetrics
  /// Steps, and of them those whose decisions equal the live version's, exactly.
  package private(set) var steps: UInt64 = 0
  package private(set) var agreeing: UInt64 = 0

  init(built: BuiltStrategy, path: String, log: ShadowLog, metrics: EngineMetrics) {
    self.built = built
    self.path = path
    self.log = log
    self.metrics = metrics
  }

  package var differing: UInt64 { steps - agreeing }

  /// Steps the shadow on `live`'s input record (hot thread, right after the live step).
  @inline(__always)
  func step(beside live: NativeExecutor, at time: Int64) {
    let shadow = built.executor
    shadow.copyInputs(from: live)
    _ = shadow.step(timeNanos: time)
    let a = live.decisions
    let b = shadow.decisions
    let agree = a.count == b.count && a.elementsEqual(b) { $0.isIdentical(to: $1) }
    steps &+= 1
    metrics.shadowSteps.addSingleWriter()
    if agree {
      agreeing &+= 1
      metrics.shadowAgreeing.addSingleWriter()
    } else {
      metrics.shadowDiffering.addSingleWriter()
    }
    if a.count > 0 || b.count > 0 { log.push(time: time, step: steps, live: a, shadow: b, agree: agree) }
  }
}

extension Decision {
  /// The same decision bit for bit (`==` says a NaN price differs from itself; a target has one).
  @inline(__always)
  package func isIdentical(to other: Decision) -> Bool {
    kind == other.kind && instrument == other.instrument && quantity.bitPattern == other.quantity.bitPattern
      && price.bitPattern == other.price.bitPattern
  }
}
