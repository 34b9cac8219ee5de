import Foundation

/// Reads an engine run's `orders.csv` and the LOBSTER day's book, to check from the outputs alone
/// that no order that went out broke a limit (RiskEngineTests).
enum RiskAudit {
  struct Row {
    var id: String
    var event: String
    /// +1 buy, −1 sell.
    var side: Int64
    var quantity: Int64
    /// Raw 1e-8, nil for a market order.
    var price: Int64?
    var remaining: Int64?
    var reason: String
    /// ns after midnight New York time (the LOBSTER clock).
    var decided: Int64
    var step: Int
    var signed: Int64 { side * quantity }
  }

  static func rows(_ folder: String) throws -> [Row] {
    let text = try String(contentsOfFile: folder + "/orders.csv", encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",", maxSplits: 13, omittingEmptySubsequences: false).map(String.init)
      return Row(
        id: f[1], event: f[4], side: f[5] == "BUY" ? 1 : -1, quantity: Int64(f[6]) ?? 0,
        price: f[7].isEmpty ? nil : raw(f[7]), remaining: Int64(f[8]), reason: f[9], decided: lobsterNanos(f[10]),
        step: Int(f[11]) ?? 0)
    }
  }

  /// A decimal as raw 1e-8.
  static func raw(_ text: String) -> Int64 {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    return Int64(parts[0])! * 100_000_000 + Int64((fraction + "00000000").prefix(8))!
  }

  /// `2012-06-21T13:30:06.399134575Z` as ns after midnight in New York (EDT, UTC − 4 h).
  static func lobsterNanos(_ iso: String) -> Int64 {
    let t = Array(iso.utf8)
    func number(_ range: Range<Int>) -> Int64 { Int64(String(decoding: t[range], as: UTF8.self))! }
    let seconds = (number(11..<13) - 4) * 3600 + number(14..<16) * 60 + number(17..<19)
    let fraction = t.count > 20 ? String(decoding: t[20..<(t.count - 1)], as: UTF8.self) : ""
    return seconds * 1_000_000_000 + Int64((fraction + "000000000").prefix(9))!
  }

  /// The venue book's mark as the strategy decided: the mid after every message before `decided`
  /// (raw 1e-8), from the LOBSTER message and orderbook files; nil while a side is empty.
  struct Marks {
    var times: [Int64] = []
    var mids: [Int64?] = []

    init(times: [Int64], mids: [Int64?]) {
      self.times = times
      self.mids = mids
    }

    init() throws {
      let day = StratEngineProcess.lobsterDay
      let book = day.replacingOccurrences(of: "_message_10", with: "_orderbook_10")
      for line in try RiskAudit.shell("gzip -dc '\(day)' | cut -d, -f1").split(separator: "\n") {
        let p = line.split(separator: ".", omittingEmptySubsequences: false)
        times.append(Int64(p[0])! * 1_000_000_000 + Int64((String(p.count > 1 ? p[1] : "") + "000000000").prefix(9))!)
      }
      for line in try RiskAudit.shell("gzip -dc '\(book)' | cut -d, -f1,3").split(separator: "\n") {
        let p = line.split(separator: ",")
        let ask = Int64(p[0])!, bid = Int64(p[1])!
        let empty = ask >= 9_999_999_999 || bid <= -9_999_999_999 || bid <= 0
        mids.append(empty ? nil : (ask + bid) * 5_000)
      }
    }

    func mark(before decided: Int64) -> Int64? {
      var lo = 0, hi = times.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if times[mid] < decided { lo = mid + 1 } else { hi = mid }
      }
      return lo == 0 ? nil : mids[lo - 1]
    }
  }

  static func shell(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// summary.json as a dictionary.
  static func summary(_ folder: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }
}
