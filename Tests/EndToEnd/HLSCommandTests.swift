import Foundation
import Testing

/// `stratc emit-hls` and `stratc hls-sim` as a user meets them: the files they write, and the
/// outputs they refuse before doing anything.
@Suite struct HLSCommandTests {
  @Test func itchWritesTheFeedStagesForTheStrategysSymbols() throws {
    let dir = Stratc.temporaryDirectory()
    let run = try Stratc.run(["emit-hls", "Strategies/pairs.strat", "-o", dir, "--itch", "--instrument", "b=GDXJ"])
    #expect(run.status == 0, "\(run.stderr)")
    for file in ["itch_book.h", "itch_book.cpp", "itch_book_tb.cpp", "ouch_enter.h", "ouch_enter_tb.cpp", "pairs.cpp"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file) is missing")
    }
    let book = try String(contentsOfFile: dir + "/itch_book.h", encoding: .utf8)
    #expect(book.contains("0  GLD") && book.contains("1  GDXJ"), "the front end must list the bound symbols in order")
    let readme = try String(contentsOfFile: dir + "/README.md", encoding: .utf8)
    #expect(readme.contains("## ITCH in, OUCH out"))
  }

  /// A pipe (a device is the same case; some containers have plain files at /dev/null), or a
  /// plain file where a folder is wanted, is refused before anything runs: the atomic rename
  /// stratc writes with would replace `/dev/null` when run as root.
  @Test(arguments: [
    ["hls-sim", "Strategies/pairs.strat", "--data", "Examples/data", "-o", "FIFO"],
    ["hls-sim", "Strategies/pairs.strat", "--data", "Examples/data", "--ticks-out", "FIFO"],
    ["emit-hls", "Strategies/pairs.strat", "-o", "FIFO"],
    ["emit-hls", "Strategies/pairs.strat", "-o", "README.md"],
  ])
  func outputsThatAreNotFilesOrFoldersAreRefused(arguments: [String]) throws {
    let fifo = Stratc.temporaryDirectory()
    #expect(mkfifo(fifo, 0o600) == 0)
    defer { unlink(fifo) }
    let run = try Stratc.run(arguments.map { $0 == "FIFO" ? fifo : $0 })
    #expect(run.status == 2, "\(arguments): \(run.stderr)")
    #expect(run.stderr.contains("not a regular file") || run.stderr.contains("not a folder"), "\(run.stderr)")
  }
}
