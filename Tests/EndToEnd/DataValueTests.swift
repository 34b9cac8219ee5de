import Foundation
import Testing

/// Issue 9 through the command line: values no market has, impossible dates, symbols that are
/// paths, empty inputs, pipes and FIFOs read once, endless devices, bar tick files as `--data`,
/// `data book` on a tick file, and `data export` refusing what `data import` would refuse.
/// Every input is a small file written here.
@Suite struct DataValueTests {
  static func write(_ text: String, _ name: String) throws -> String {
    let path = DataCommandTests.folder() + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  static let pairs = "Strategies/pairs.strat"
  static let gdx = "Examples/data/GDX.csv"
  static let gld = "Examples/data/GLD.csv"
  static let itch = DataCommandTests.data + "/itch50-nasdaq-real-directory-slice/sample.itch"

  // MARK: - Impossible dates

  @Test(arguments: ["2020-02-30", "2021-02-29", "2020-13-01", "2020-00-10", "2020-2-3"])
  func anImpossibleDateIsAUsageErrorForEveryCommand(date: String) throws {
    for command in [
      ["backtest", Self.pairs, "--data", Self.gld, "--data", Self.gdx, "--out", Stratc.temporaryDirectory()],
      ["data", "import", Self.itch, "--store", DataCommandTests.folder()],
      ["data", "book", Self.itch, "--levels", "1"],
    ] {
      let run = try Stratc.run(command + ["--date", date])
      #expect(run.status == 2, "\(command) --date \(date): \(run.stderr)")
      #expect(run.stderr.contains("--date expects a calendar day YYYY-MM-DD (a real month and day); found `\(date)`"))
    }
  }

  @Test func aLeapDayIsADate() throws {
    let run = try Stratc.run(["data", "import", Self.itch, "--store", DataCommandTests.folder(), "--date", "2020-02-29"])
    #expect(run.status == 0, "\(run.stderr)")
  }

  // MARK: - Symbols

  @Test func aDataSymbolThatIsAPathIsRefused() throws {
    let run = try Stratc.run([
      "backtest", Self.pairs, "--data", "..=\(Self.gld)", "--data", "GDX=\(Self.gdx)", "--instrument", "a=..",
      "--out", Stratc.temporaryDirectory(),
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[data.source.bad-symbol]: expected a symbol of 1 to 32 ASCII letters"))
  }

  @Test func aSymbolColumnThatIsAPathIsRefusedAtItsLineAndColumn() throws {
    let input = try Self.write("time,price,size,symbol\n2024-01-02,1,1,../../x\n", "T.csv")
    let store = DataCommandTests.folder()
    let run = try Stratc.run(["data", "import", input, "--store", store])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(input):2:16: error[data.source.bad-symbol]"))
    #expect((try? FileManager.default.contentsOfDirectory(atPath: store)) == [])
  }

  // MARK: - Zero prices

  @Test func aZeroCloseInBarsStopsTheBacktestAtItsLocation() throws {
    var text = String(decoding: DataCommandTests.bytes(Stratc.root.path + "/" + Self.gld), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var fields = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let closeColumn = lines[0].split(separator: ",").firstIndex { $0.lowercased() == "close" }!
    fields[closeColumn] = "0"
    fields[3] = "0"  // keep Low ≤ Close, so that the zero is what is found
    text = (lines[0..<5] + [Substring(fields.joined(separator: ","))] + lines[6...]).joined(separator: "\n")
    let input = try Self.write(text, "GLD.csv")
    let run = try Stratc.run(["backtest", Self.pairs, "--data", input, "--data", Self.gdx, "--out", Stratc.temporaryDirectory()])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(input):6:"))
    #expect(run.stderr.contains("error[data.csv.zero-price]"))
  }

  // MARK: - Empty inputs

  @Test func emptyInputsAreErrorsNotEmptySuccesses() throws {
    let folder = DataCommandTests.folder()
    let zero = folder + "/zero.csv.gz"
    let emptyGzip = folder + "/nothing.csv.gz"
    FileManager.default.createFile(atPath: zero, contents: Data())
    FileManager.default.createFile(atPath: emptyGzip, contents: Data([
      0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]))
    // /dev/null only where it is the device: some containers have a regular file there, which
    // other processes' output fills.
    let null = (try? FileManager.default.attributesOfItem(atPath: "/dev/null"))?[.type] as? FileAttributeType
    for input in [zero, emptyGzip] + (null == .typeCharacterSpecial ? ["/dev/null"] : []) {
      let run = try Stratc.run(["data", "import", input, "--store", DataCommandTests.folder()])
      #expect(run.status == 1, "\(input): \(run.stdout)")
      #expect(run.stderr.contains("\(input):@0: error[data.io.empty]"), "\(input): \(run.stderr)")
    }
    let itch = try Stratc.run(["data", "import", zero, "--format", "itch", "--date", "2020-01-02", "--store", folder])
    #expect(itch.stderr.contains("error[data.itch.empty]"), "\(itch.stderr)")
    let headerOnly = try Self.write("time,price,size\n", "H.csv")
    let header = try Stratc.run(["data", "import", headerOnly, "--store", folder])
    #expect(header.status == 1)
    #expect(header.stderr.contains("\(headerOnly):2:1: error[data.csv.no-rows]"))
    let emptyFeed = folder + "/empty.itch"
    FileManager.default.createFile(atPath: emptyFeed, contents: Data())
    let book = try Stratc.run([
      "backtest", "Strategies/market_maker.strat", "--data", emptyFeed, "--date", "2020-01-02", "--out", Stratc.temporaryDirectory(),
    ])
    #expect(book.status == 1)
    #expect(book.stderr.contains("error[data.itch.empty]"), "\(book.stderr)")
  }

  @Test func aCSVCutInsideAQuotedFieldOrItsLastRowIsReported() throws {
    let quoted = try Self.write("time,price,size,note\n2024-01-02,1,1,\"ok\"\n2024-01-03,1,1,\"cut", "Q.csv")
    let run = try Stratc.run(["data", "import", quoted, "--store", DataCommandTests.folder()])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(quoted):3:16: error[data.csv.open-quote]"), "\(run.stderr)")
    let short = try Self.write("Date,Open,High,Low,Close\n2020-07-27,1,2,0.5,1.5\n2020-07-28,1,2", "SHORT.csv")
    let bars = try Stratc.run(["backtest", "Strategies/bollinger.strat", "--data", "SPY=\(short)", "--out", Stratc.temporaryDirectory()])
    #expect(bars.status == 1)
    #expect(bars.stderr.contains("\(short):3:1: error[data.csv.field-count]"))
  }

  // MARK: - Pipes, FIFOs and devices

  /// Makes a FIFO and writes `bytes` into it from another thread once a reader opens it.
  static func fifo(_ bytes: [UInt8]) -> String {
    let path = DataCommandTests.folder() + "/in.fifo"
    precondition(mkfifo(path, 0o600) == 0)
    Thread {
      let fd = open(path, O_WRONLY)
      bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress!, $0.count) }
      close(fd)
    }.start()
    return path
  }

  @Test func aFIFOIsReadOnceAsAStream() throws {
    let csv = DataCommandTests.bytes(Stratc.root.path + "/" + Self.gld)
    let fromFile = DataCommandTests.folder()
    let fromFIFO = DataCommandTests.folder()
    _ = try Stratc.run(["data", "import", Self.gld, "--store", fromFile])
    let run = try Stratc.run(["data", "import", Self.fifo(csv), "--symbol", "GLD", "--store", fromFIFO])
    #expect(run.status == 0, "\(run.stderr)")
    let day = "/GLD/2020-07-27.tick"
    #expect(!DataCommandTests.bytes(fromFile + day).isEmpty)
    // The source description names the input; everything else is the same.
    #expect(DataCommandTests.bytes(fromFIFO + day).count == DataCommandTests.bytes(fromFile + day).count)

    let outFile = Stratc.temporaryDirectory()
    let outFIFO = Stratc.temporaryDirectory()
    _ = try Stratc.run(["backtest", Self.pairs, "--data", Self.gld, "--data", Self.gdx, "--out", outFile, "--quiet"])
    let backtest = try Stratc.run([
      "backtest", Self.pairs, "--data", "GLD=" + Self.fifo(csv), "--data", Self.gdx, "--out", outFIFO, "--quiet",
    ])
    #expect(backtest.status == 0, "\(backtest.stderr)")
    for name in ["trades.csv", "equity.csv"] {
      #expect(DataCommandTests.bytes(outFIFO + "/" + name) == DataCommandTests.bytes(outFile + "/" + name))
    }
  }

  @Test(arguments: ["/dev/zero", "/dev/urandom"])
  func anEndlessDeviceStopsWithALocatedDiagnostic(device: String) throws {
    let run = try Stratc.run(["backtest", Self.pairs, "--data", "GLD=" + device, "--data", Self.gdx, "--out", Stratc.temporaryDirectory()])
    #expect(run.status == 1)
    #expect(!run.crashed)
    #expect(run.stderr.contains("\(device):1:"), "\(run.stderr)")
    #expect(run.stderr.contains("error[data.csv."), "\(run.stderr)")
    let info = try Stratc.run(["data", "import", device, "--store", DataCommandTests.folder()])
    #expect(info.status == 1)
    #expect(info.stderr.contains("error[data.source.unknown-format]"), "\(info.stderr)")
  }

  // MARK: - Tick files as bars and as books

  /// Minute bars of one day for `symbol`, a wave so that a short Bollinger band trades.
  static func minuteBars(_ symbol: String) throws -> String {
    var text = "time,open,high,low,close,volume\n"
    for minute in 0..<120 {
      let close = 100 + 3 * sin(Double(minute) / 5) + Double(minute % 7) / 10
      let c = (close * 100).rounded() / 100
      text += String(format: "2024-03-01T14:%02d:%02dZ,%.2f,%.2f,%.2f,%.2f,%d\n", minute / 60, minute % 60,
        c, c + 0.5, c - 0.5, c, 1000 + minute)
    }
    return try Self.write(text, "\(symbol).csv")
  }

  @Test func aBarTickFileBacktestsAsItsCSV() throws {
    let csv = try Self.minuteBars("SPY")
    let store = DataCommandTests.folder()
    let imported = try Stratc.run(["data", "import", csv, "--store", store])
    #expect(imported.status == 0, "\(imported.stderr)")
    let tick = store + "/SPY/2024-03-01.tick"
    var outputs: [[UInt8]] = []
    for data in ["SPY=" + csv, "SPY=" + tick, tick] {
      let out = Stratc.temporaryDirectory()
      let run = try Stratc.run([
        "backtest", "Strategies/bollinger.strat", "--param", "window=5", "--param", "band=1.2", "--param", "exit=0.2",
        "--data", data, "--out", out, "--quiet",
      ])
      #expect(run.status == 0, "\(data): \(run.stderr)")
      outputs.append(DataCommandTests.bytes(out + "/trades.csv") + DataCommandTests.bytes(out + "/equity.csv"))
      if data.hasSuffix(".csv") {
        let trades = String(decoding: DataCommandTests.bytes(out + "/trades.csv"), as: UTF8.self)
        #expect(trades.split(separator: "\n").count > 2, "the strategy trades")
      }
    }
    #expect(outputs[1] == outputs[0])
    #expect(outputs[2] == outputs[0])
  }

  @Test func dataBookReadsATickFileAsTheFeedItCameFrom() throws {
    let lobster = DataCommandTests.data + "/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"
    let store = DataCommandTests.folder()
    let imported = try Stratc.run(["data", "import", lobster, "--store", store])
    #expect(imported.status == 0, "\(imported.stderr)")
    let fromTick = try Stratc.run(["data", "book", store + "/GOOG/2012-06-21.tick", "--levels", "1"])
    let fromCSV = try Stratc.run(["data", "book", lobster, "--levels", "1"])
    #expect(fromTick.status == 0, "\(fromTick.stderr)")
    #expect(fromCSV.status == 0)
    #expect(fromTick.stdout.split(separator: "\n").count == 49_482)
    #expect(fromTick.stdout == fromCSV.stdout)
  }

  // MARK: - Export and import agree

  /// A trades tick file imported from `csv` with element `row` of column `column` replaced (and
  /// checksums recomputed, so that only a value check can catch it).
  static func damagedTick(_ csv: String, column: Int, row: Int, value: [UInt8]) throws -> String {
    let store = DataCommandTests.folder()
    let input = try Self.write(csv, "D.csv")
    _ = try Stratc.run(["data", "import", input, "--store", store])
    let path = store + "/D/2024-01-02.tick"
    var bytes = DataCommandTests.bytes(path)
    let entry = 256 + column * 32
    let offset = bytes[(entry + 8)..<(entry + 16)].reversed().reduce(0) { $0 << 8 | Int($1) }
    let length = bytes[(entry + 16)..<(entry + 24)].reversed().reduce(0) { $0 << 8 | Int($1) }
    bytes.replaceSubrange((offset + row * value.count)..<(offset + (row + 1) * value.count), with: value)
    withUnsafeBytes(of: crc32(Array(bytes[offset..<(offset + length)])).littleEndian) {
      bytes.replaceSubrange((entry + 4)..<(entry + 8), with: $0)
    }
    let end = 256 + Int(bytes[15]) * 32
    bytes.replaceSubrange(56..<60, with: [0, 0, 0, 0])
    withUnsafeBytes(of: crc32(Array(bytes[0..<end])).littleEndian) { bytes.replaceSubrange(56..<60, with: $0) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  @Test func exportRefusesWhatImportWouldRefuse() throws {
    let csv = "time,price,size\n2024-01-02T10:00:00Z,1,1\n2024-01-02T10:00:01Z,2,1\n"
    let zeroPrice = try Self.damagedTick(csv, column: 1, row: 1, value: [UInt8](repeating: 0, count: 8))
    for command in [["data", "export", zeroPrice], ["data", "info", zeroPrice]] {
      let run = try Stratc.run(command)
      #expect(run.status == 1, "\(command): \(run.stdout)")
      #expect(run.stderr.contains("error[data.tick.bad-value]: expected a price above 0 in `price` of record 1; found 0.00"))
    }
    // The flag says "sorted"; a time moved back is caught on opening.
    let back = withUnsafeBytes(of: Int64(1_704_189_599_000_000_000).littleEndian) { Array($0) }
    let unsorted = try Self.damagedTick(csv, column: 0, row: 1, value: back)
    let export = try Stratc.run(["data", "export", unsorted])
    #expect(export.status == 1)
    #expect(export.stderr.contains("error[data.tick.bad-value]"))
    #expect(export.stdout.isEmpty)
  }

  @Test func everyImportedKindExportsToACSVThatImportsBackTheSame() throws {
    let folder = DataCommandTests.folder()
    let inputs = [
      ("B.csv", "time,open,high,low,close,volume\n2024-01-02T10:00:00Z,10,11,9.5,10.5,7.25\n2024-01-02T10:01:00Z,10.5,10.5,10,10,0\n"),
      ("T.csv", "time,price,size,side\n2024-01-02T10:00:00Z,1.5,0.001,sell\n2024-01-02T10:00:00Z,1.25,3,\n"),
      ("Q.csv", "time,bid,bid_size,ask,ask_size\n2024-01-02T10:00:00Z,1,0,1.5,2\n"),
      ("O.csv", "time,kind,side,order_id,new_order_id,price,quantity,instrument\n"
        + "2024-01-02T10:00:00Z,add,buy,1,0,9.99,100,0\n2024-01-02T10:00:01Z,execute,buy,1,0,0,40,0\n"
        + "2024-01-02T10:00:02Z,replace,buy,1,2,10.01,60,0\n2024-01-02T10:00:03Z,delete,buy,2,0,0,0,0\n"),
    ]
    for (name, text) in inputs {
      let input = folder + "/" + name
      try Data(text.utf8).write(to: URL(fileURLWithPath: input))
      try DataCommandTests.roundTrip(input, tick: "\(name.dropLast(4))/2024-01-02.tick")
    }
  }
}
