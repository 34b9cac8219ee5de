import Foundation
import Testing

/// The run id end to end: the same id gives the same bytes on every backend, and changing any
/// ingredient (code, a parameter, one byte of an input, each realism setting) changes it.
@Suite struct RunIDTests {
  static let pairs = "Strategies/pairs.strat"

  /// Runs a backtest and returns its run id (from summary.json) and output folder.
  static func backtest(_ arguments: [String]) throws -> (id: String, out: String) {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest"] + arguments + ["--out", out, "--quiet"])
    #expect(run.status == 0, "\(arguments): \(run.stderr)")
    return (try runID(in: out), out)
  }

  static func runID(in out: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return summary?["run_id"] as? String ?? ""
  }

  static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

  /// A copy of `folder`'s files in a fresh folder, with `edit` applied to the file named `name`.
  static func copy(_ folder: String, editing name: String? = nil, _ edit: (inout [UInt8]) -> Void = { _ in }) throws -> String {
    let copy = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
    for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
      var bytes = [UInt8](bytes(folder + "/" + file))
      if file == name { edit(&bytes) }
      try Data(bytes).write(to: URL(fileURLWithPath: copy + "/" + file))
    }
    return copy
  }

  @Test func theSameIdGivesTheSameBytesTwiceAndOnEveryBackend() throws {
    let base = [Self.pairs, "--data", "Examples/data", "--fee", "per-share:0.005"]
    let first = try Self.backtest(base)
    let second = try Self.backtest(base)
    let interp = try Self.backtest(base + ["--backend", "interp"])
    let aot = try Self.backtest(base + ["--backend", "aot"])
    #expect(first.id.count == 64)
    #expect(first.id == second.id && first.id == interp.id && first.id == aot.id)
    for file in Self.outputs {
      #expect(Self.bytes(first.out + "/" + file) == Self.bytes(second.out + "/" + file), "\(file)")
      #expect(Self.bytes(first.out + "/" + file) == Self.bytes(interp.out + "/" + file), "\(file)")
      #expect(Self.bytes(first.out + "/" + file) == Self.bytes(aot.out + "/" + file), "\(file)")
    }
  }

  static let outputs = ["trades.csv", "orders.csv", "round_trips.csv", "equity.csv", "summary.json"]

  /// A folder holding `pairs.strat` and `data/` (copies of the examples' GLD and GDX), so that a
  /// backtest run there names its inputs by the same relative paths as in any other such folder.
  static func workspace() throws -> String {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Stratc.root.path + "/" + pairs, toPath: folder + "/pairs.strat")
    for symbol in ["GLD", "GDX"] {
      try FileManager.default.copyItem(
        atPath: Stratc.root.path + "/Examples/data/\(symbol).csv", toPath: folder + "/data/\(symbol).csv")
    }
    return folder
  }

  /// The same run from two working directories (same relative paths, other file times), into
  /// output folders, and on the three backends: one run id and the same bytes in every file.
  @Test func theSameIdGivesTheSameBytesFromAnyFolder() throws {
    let folders = [try Self.workspace(), try Self.workspace()]
    // A stamp of the file (its time) is no ingredient: only its bytes are.
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: folders[1] + "/data/GLD.csv")
    var outs: [String] = []
    for (k, backend) in ["jit", "jit", "interp", "aot"].enumerated() {
      let out = Stratc.temporaryDirectory()
      let run = try Stratc.run(
        ["backtest", "pairs.strat", "--data", "data", "--fee", "per-share:0.005", "--backend", backend, "--out", out, "--quiet"],
        in: folders[k == 1 ? 1 : 0])
      #expect(run.status == 0, "\(backend): \(run.stderr)")
      outs.append(out)
    }
    let id = try Self.runID(in: outs[0])
    #expect(id.count == 64)
    #expect(!Self.bytes(outs[0] + "/trades.csv").isEmpty)
    for out in outs.dropFirst() {
      #expect(try Self.runID(in: out) == id)
      for file in Self.outputs {
        #expect(Self.bytes(out + "/" + file) == Self.bytes(outs[0] + "/" + file), "\(out) \(file)")
      }
    }
  }

  @Test func theIdIsPrintedInTheSummaryAndTheReport() throws {
    let out = Stratc.temporaryDirectory()
    let report = out + "-report.html"
    let run = try Stratc.run(["backtest", Self.pairs, "--data", "Examples/data", "--out", out, "--report", report])
    #expect(run.status == 0, "\(run.stderr)")
    let id = try Self.runID(in: out)
    #expect(run.stdout.contains("\nrun id    \(id)\n"))
    let page = String(decoding: Self.bytes(report), as: UTF8.self)
    #expect(page.contains("<p id=\"run-id\">run id <code>\(id)</code></p>"))
  }

  @Test func everyIngredientOfABarRunChangesTheId() throws {
    let changedSource = try Stratc.temporaryFile(Array(
      String(decoding: Self.bytes(Self.pairs), as: UTF8.self)
        .replacingOccurrences(of: "abs(z) < exit", with: "abs(z) <= exit").utf8))
    // One byte of GLD.csv: the last digit of its last line.
    let changedData = try Self.copy("Examples/data", editing: "GLD.csv") { bytes in
      let k = bytes.lastIndex { $0 >= 0x30 && $0 <= 0x38 }!
      bytes[k] += 1
    }
    let variants: [(String, [String])] = [
      ("base", [Self.pairs, "--data", "Examples/data"]),
      ("code", [changedSource, "--data", "Examples/data"]),
      ("a param", [Self.pairs, "--data", "Examples/data", "--param", "entry=2.5"]),
      ("one byte of an input", [Self.pairs, "--data", changedData]),
      ("fill", [Self.pairs, "--data", "Examples/data", "--fill", "close"]),
      ("fees", [Self.pairs, "--data", "Examples/data", "--fee", "per-share:0.01"]),
      ("symbols", [Self.pairs, "--data", "Examples/data", "--instrument", "a=KO", "--instrument", "b=PEP"]),
    ]
    let ids = try variants.map { try Self.backtest($0.1).id }
    #expect(Set(ids).count == variants.count, "\(zip(variants.map(\.0), ids).map { "\($0): \($1)" })")
    // The same bytes in another folder: the same id (file names matter, not where they are).
    #expect(try Self.backtest([Self.pairs, "--data", Self.copy("Examples/data")]).id == ids[0])
  }

  /// A pipe cannot be read twice: it is hashed from the bytes its reader kept, and gives the
  /// id of the same bytes in a regular file of the same name.
  @Test func aFIFOInputIsHashedFromTheBytesRead() throws {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fifo = folder + "/GLD.csv"
    #expect(mkfifo(fifo, 0o600) == 0)
    let csv = [UInt8](Self.bytes("Examples/data/GLD.csv"))
    Thread {
      let fd = open(fifo, O_WRONLY)
      csv.withUnsafeBytes { _ = write(fd, $0.baseAddress!, $0.count) }
      close(fd)
    }.start()
    let piped = try Self.backtest([Self.pairs, "--data", "GLD=\(fifo)", "--data", "GDX=Examples/data/GDX.csv"])
    let filed = try Self.backtest([Self.pairs, "--data", "GLD=Examples/data/GLD.csv", "--data", "GDX=Examples/data/GDX.csv"])
    #expect(piped.id == filed.id)
    #expect(Self.bytes(piped.out + "/trades.csv") == Self.bytes(filed.out + "/trades.csv"))
  }

  /// A tick file of events is read with its book file beside it: both are ingredients.
  @Test func aTickStoreRunHashesTheOrdersAndTheBookFile() throws {
    let store = Stratc.temporaryDirectory()
    let imported = try Stratc.run(["data", "import", Self.lobsterSample(), "--store", store])
    #expect(imported.status == 0, "\(imported.stderr)")
    let (_, out) = try Self.backtest(["Strategies/market_maker.strat", "--data", store + "/GOOG/2012-06-21.tick"])
    let summary = try JSONSerialization.jsonObject(with: Self.bytes(out + "/summary.json")) as? [String: Any]
    let inputs = summary?["inputs"] as? [String: String] ?? [:]
    #expect(inputs.count == 2, "\(inputs)")
    #expect(inputs["2012-06-21.tick"] == RunInputsOracle.sha256(store + "/GOOG/2012-06-21.tick"))
  }

  /// The first 400 messages of the GOOG day with their orderbook rows, LOBSTER-named.
  static func lobsterSample(editingBook edit: Bool = false) throws -> String {
    let day = Stratc.root.path + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_"
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for kind in ["message", "orderbook"] {
      var lines = String(decoding: bytes(day + kind + "_1.csv"), as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false).prefix(400).joined(separator: "\n") + "\n"
      if edit && kind == "orderbook" {
        // The ask size of the last row, one unit more: one byte of the book.
        var fields = lines.dropLast().split(separator: "\n").last!.split(separator: ",").map(String.init)
        fields[1] = String(Int(fields[1])! + 1)
        let rows = lines.dropLast().split(separator: "\n").dropLast().joined(separator: "\n")
        lines = rows + "\n" + fields.joined(separator: ",") + "\n"
      }
      try Data(lines.utf8).write(to: URL(fileURLWithPath: folder + "/GOOG_2012-06-21_34200000_57600000_\(kind)_1.csv"))
    }
    return folder + "/GOOG_2012-06-21_34200000_57600000_message_1.csv"
  }

  @Test func everyRealismSettingOfABookRunChangesTheId() throws {
    let messages = try Self.lobsterSample()
    let base = ["Strategies/market_maker.strat", "--data", messages, "--backend", "interp"]
    let variants: [(String, [String])] = [
      ("base", []), ("order latency", ["--order-latency", "1ms"]), ("feed latency", ["--feed-latency", "5us"]),
      ("queue", ["--queue", "proportional"]), ("trade-through", ["--trade-through", "whole-order"]),
      ("maker fee", ["--maker-fee", "per-share:-0.001"]), ("taker fee", ["--taker-fee", "per-share:0.001"]),
      ("seed", ["--seed", "3"]), ("on-error", ["--on-error", "skip"]), ("date", ["--date", "2012-06-21"]),
    ]
    var ids = try variants.map { try Self.backtest(base + $0.1).id }
    // One byte of the orderbook file, which is read without being named.
    ids.append(try Self.backtest(["Strategies/market_maker.strat", "--data", Self.lobsterSample(editingBook: true), "--backend", "interp"]).id)
    #expect(Set(ids).count == variants.count + 1, "\(ids)")
  }

  @Test func eachSweepRowCarriesTheIdOfItsBacktest() throws {
    let csv = Stratc.temporaryDirectory() + ".csv"
    let sweep = try Stratc.run([
      "sweep", Self.pairs, "--data", "Examples/data", "--param", "entry=2,2.5", "--out", csv, "--quiet",
    ])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let rows = String(decoding: Self.bytes(csv), as: UTF8.self).split(separator: "\n")
    #expect(rows[0].hasSuffix(",error,run_id"))
    let rowIDs = rows.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false).last!) }
    let backtestIDs = try ["2", "2.5"].map { try Self.backtest([Self.pairs, "--data", "Examples/data", "--param", "entry=\($0)"]).id }
    #expect(rowIDs == backtestIDs)
    let sidecar = try JSONSerialization.jsonObject(with: Self.bytes(String(csv.dropLast(4)) + ".json")) as? [String: Any]
    #expect(sidecar?["run_ids"] as? [String] == backtestIDs)
    #expect(sidecar?["trials"] as? Int == 2)
  }
}

/// `sha256sum`, the tool a user checks an `inputs` digest with.
enum RunInputsOracle {
  static func sha256(_ path: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text.split(separator: " ").first.map(String.init)
  }
}
