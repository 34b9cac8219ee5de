import Foundation
import StratDiagnostics
import StratMarket
import Testing

/// A class suite, so that `deinit` removes the temporary folders each test made.
@Suite final class MarketDataSourceTests {
  private var made: [String] = []

  deinit {
    for path in made { try? FileManager.default.removeItem(atPath: path) }
  }

  static let csv = "Date,Open,High,Low,Close\n2020-07-27,1,2,0.5,1.5\n"

  /// Writes files into a new temporary folder and returns its path.
  func folder(_ files: [String: String]) -> String {
    let root = TestPaths.temporaryFolder()
    made.append(root)
    for (name, text) in files {
      FileManager.default.createFile(atPath: root + "/" + name, contents: Data(text.utf8))
    }
    return root
  }

  /// The diagnostic ids of a failed load.
  static func ids(_ specs: [String]) -> [String] {
    do throws(MarketDataError) {
      _ = try MarketDataSource.load(specs: specs)
      return []
    } catch {
      return error.diagnostics.map(\.id)
    }
  }

  @Test func loadsSymbolEqualsPath() throws {
    let root = folder(["a.csv": Self.csv])
    let series = try MarketDataSource.load(specs: ["XYZ=\(root)/a.csv"])
    #expect(series.map(\.symbol) == ["XYZ"])
    #expect(series[0].path == "\(root)/a.csv")
  }

  @Test func takesASpecWithASlashBeforeTheEqualsSignAsAPath() throws {
    let root = folder(["x=y.csv": Self.csv])
    let series = try MarketDataSource.load(specs: ["\(root)/x=y.csv"])
    #expect(series.map(\.symbol) == ["x=y"])
  }

  @Test func loadsEveryCSVOfAFolderInNameOrder() throws {
    let root = folder(["PEP.csv": Self.csv, "KO.csv": Self.csv, "notes.txt": "x"])
    let series = try MarketDataSource.load(specs: [root])
    #expect(series.map(\.symbol) == ["KO", "PEP"])
  }

  @Test func loadsTheSharedPairsFolder() throws {
    let series = try MarketDataSource.load(specs: [TestPaths.dailyPairs])
    #expect(series.map(\.symbol) == ["GDX", "GLD", "KO", "PEP", "SPY"])
  }

  @Test func reportsMissingFilesAndFolders() {
    #expect(Self.ids(["KO=/nonexistent/KO.csv"]) == ["data.io.missing-file"])
    #expect(Self.ids(["/nonexistent/folder"]) == ["data.io.missing-file"])
  }

  @Test func reportsUnreadableAndWrongKinds() {
    let root = folder(["a.csv": Self.csv])
    #expect(Self.ids(["KO=\(root)"]) == ["data.io.not-a-file"])
    let empty = folder([:])
    #expect(Self.ids([empty]) == ["data.source.empty-folder"])
    #expect(Self.ids(["=x.csv"]) == ["data.source.bad-spec"])
    if getuid() != 0 {
      let locked = folder(["b.csv": Self.csv])
      chmod(locked + "/b.csv", 0)
      #expect(Self.ids(["B=\(locked)/b.csv"]) == ["data.io.unreadable"])
    }
  }

  @Test func reportsASymbolGivenTwice() {
    let root = folder(["KO.csv": Self.csv])
    #expect(Self.ids([root, "KO=\(root)/KO.csv"]) == ["data.source.duplicate-symbol"])
    #expect(Self.ids(["A=\(root)/KO.csv", "A=\(root)/KO.csv"]) == ["data.source.duplicate-symbol"])
  }

  @Test func reportsEveryBadFileNotOnlyTheFirst() {
    let root = folder(["A.csv": "Date,Open\n", "B.csv": "", "C.csv": Self.csv])
    #expect(Self.ids([root]) == ["data.csv.missing-column", "data.csv.empty"])
  }
}
