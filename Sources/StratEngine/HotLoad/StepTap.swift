import StratNative
import StratRuntime

/// What the hot thread does after each step of a hosted strategy (installed as its replay's
/// step observer when the engine hot-loads): keep the input record in the warm-up ring, and
/// step the shadow version, if there is one, on the same record.
package final class StepTap: StepObserver {
  package let ring: InputRing
  /// The version running beside the live one, its decisions logged and never sent.
  package var shadow: ShadowRun?

  package init(ring: InputRing) { self.ring = ring }

  @inline(__always)
  package func stepped(_ executor: NativeExecutor, at time: Int64) {
    ring.append(executor, at: time)
    shadow?.step(beside: executor, at: time)
  }
}
