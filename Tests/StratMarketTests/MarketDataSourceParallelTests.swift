import Foundation
import StratMarket
import Testing

/// `MarketDataSource.load` reads files at the same time but returns series and problems in spec
/// order, and reads a pipe named by two specs one spec after the other (its bytes are shared).
@Suite struct MarketDataSourceParallelTests {
  static let data = TestPaths.packageRoot + "/Examples/data"

  @Test func seriesAndProblemsComeInSpecOrder() throws {
    let specs = ["PEP=\(Self.data)/PEP.csv", "GLD=\(Self.data)/GLD.csv", "KO=\(Self.data)/KO.csv"]
    let series = try MarketDataSource.load(specs: specs)
    #expect(series.map(\.symbol) == ["PEP", "GLD", "KO"])
    let alone = try BarCSVReader.read(path: Self.data + "/GLD.csv", symbol: "GLD")
    #expect(series[1].times == alone.times && series[1].close == alone.close)
    let folder = TestPaths.temporaryFolder()
    try Data("ts,open,high,low,close,volume\n".utf8).write(to: URL(fileURLWithPath: folder + "/empty.csv"))
    do throws(MarketDataError) {
      _ = try MarketDataSource.load(specs: ["X=\(folder)/missing.csv", "GLD=\(Self.data)/GLD.csv", "E=\(folder)/empty.csv"])
      Issue.record("loaded a missing file")
    } catch {
      #expect(error.diagnostics.map(\.location?.path) == ["\(folder)/missing.csv", "\(folder)/empty.csv"])
    }
  }

  @Test func aPipeNamedTwiceIsReadOnceForBoth() throws {
    let fifo = TestPaths.temporaryFolder() + "/bars.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let bytes = [UInt8](FileManager.default.contents(atPath: Self.data + "/KO.csv") ?? Data())
    Thread {
      let fd = open(fifo, O_WRONLY)
      bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress!, $0.count) }
      close(fd)
    }.start()
    let series = try MarketDataSource.load(specs: ["A=\(fifo)", "B=\(fifo)"])
    let file = try BarCSVReader.read(path: Self.data + "/KO.csv", symbol: "KO")
    #expect(series.count == 2 && series[0].count == file.count && file.count > 100)
    #expect(series[0].close == file.close && series[1].close == file.close)
  }
}
