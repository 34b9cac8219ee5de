import Foundation

/// The peer: backtrader on the same workload (100,000 bars: it runs at ~17 k events/s), when
/// `Benchmarks/install-peer.sh` has installed it into bench-data/peer-venv.
struct PeerBench {
  let dataDir: String
  let sharedBench: String
  let bars = 100_000

  var python: String { dataDir + "/peer-venv/bin/python" }
  var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: python) }

  /// backtrader's events per second and its answer, or nil when it is not installed.
  func run() throws -> (rate: Double, answer: String)? {
    guard isInstalled else { return nil }
    if !FileManager.default.fileExists(atPath: "\(dataDir)/B_\(bars).csv") {
      try shell("python3", ["\(sharedBench)/gen_data.py", "\(bars)", dataDir])
    }
    setenv("BENCH_DATA", dataDir, 1)
    setenv("BENCH_RESULTS", dataDir + "/results", 1)
    let text = try capture(python, ["\(sharedBench)/backtrader_run.py", "pairs", "\(bars)"])
    let line = text.split(separator: "\n").last.map(String.init) ?? "{}"
    let json = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    let seconds = json["run_s"] as? Double ?? .nan
    let answer = "fills \(json["fills"] ?? "?"), A \(json["posA"] ?? "?"), B \(json["posB"] ?? "?"), P&L \(json["pnl"] ?? "?")"
    return (Double(2 * bars) / seconds, answer)
  }
}
