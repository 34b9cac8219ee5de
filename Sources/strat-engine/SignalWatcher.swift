import Dispatch
import Foundation
import StratEngine

/// SIGTERM and SIGINT become a stop command for the hot thread (which then cancels open orders
/// if the config says so, journals, writes its files and exits 0). Signals are taken by a
/// dispatch source on its own queue, never in a signal handler, so nothing async-signal-unsafe
/// runs; a second signal while stopping is ignored.
final class SignalWatcher {
  private var sources: [DispatchSourceSignal] = []

  init(queue commands: CommandQueue) {
    let queue = DispatchQueue(label: "strat-engine.signals")
    for number in [SIGTERM, SIGINT] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { commands.push(.stop) }
      source.resume()
      sources.append(source)
    }
  }

  func stop() { for s in sources { s.cancel() } }
}
