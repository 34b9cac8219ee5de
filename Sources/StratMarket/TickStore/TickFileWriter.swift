import Foundation
import StratDiagnostics

/// Writes one tick file (one instrument, one day, one kind) from rows appended in order.
///
/// Memory does not grow with the input: rows gather in a fixed block of `blockRows` rows laid
/// out column by column; each full block is appended to an unlinked spill file (`TickSpill`,
/// which writers of one import may share), and its offset kept. `finish()`
/// copies each column's slices out of the spill into place in a temporary file next to the
/// target, computing its CRC-32 on the way, writes the header last, `fsync`s and renames, so a
/// reader sees either the old file or the complete new one.
///
///     spill:  [ block 0: time×B | price×B | … ][ another writer's block ][ block 1 … ]
///     output: header | directory | pad | time×N | pad | price×N | …
public final class TickFileWriter {
  /// Rows per spill block unless the caller chooses.
  public static let defaultBlockRows = 8192

  /// The file this writer creates.
  public let path: String
  /// What the rows are.
  public let kind: TickRecordKind
  /// Rows appended so far.
  public private(set) var rowCount = 0

  var header: TickFileHeader
  let columns: [TickColumn]
  /// Rows per spill block.
  let blockRows: Int
  /// Byte offset of each column's slice inside a block.
  let slices: [Int]
  let block: UnsafeMutableRawPointer
  let blockBytes: Int
  var rowsInBlock = 0
  /// Spill offsets of this writer's full blocks, in order (8 bytes per `blockRows` rows).
  var blockOffsets: [Int] = []
  let spill: TickSpill
  private var previousTime = Int64.min
  var failure: Diagnostic?

  /// Prepares a writer for `path`; nothing is created there until `finish()`.
  public init(
    path: String, kind: TickRecordKind, symbol: String, day: Int64, source: String,
    blockRows: Int = TickFileWriter.defaultBlockRows, spill: TickSpill? = nil
  ) throws(MarketDataError) {
    guard symbol.utf8.count <= TickFileHeader.symbolCapacity else {
      throw MarketDataError(diagnostics: [TickDiagnostics.tooLong(
        path: path, what: "symbol", limit: TickFileHeader.symbolCapacity, found: symbol.utf8.count)])
    }
    self.path = path
    self.kind = kind
    self.blockRows = max(1, blockRows)
    self.spill = spill ?? TickSpill(folder: (path as NSString).deletingLastPathComponent)
    columns = kind.columns
    var offsets: [Int] = []
    var total = 0
    for column in columns {
      offsets.append(total)
      total += column.width * self.blockRows
    }
    slices = offsets
    blockBytes = total
    block = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 64)
    header = TickFileHeader(
      kind: kind, rowCount: 0, fileSize: 0, firstTime: 0, lastTime: 0, day: day,
      flags: TickFileHeader.flagTimeSorted, symbol: symbol,
      source: String(decoding: source.utf8.prefix(TickFileHeader.sourceCapacity), as: UTF8.self),
      entries: [])
  }

  deinit {
    block.deallocate()
  }

  /// Marks bars as carrying a real volume (set before `finish()`).
  public func setHasVolume(_ value: Bool) {
    if value { header.flags |= TickFileHeader.flagHasVolume } else {
      header.flags &= ~TickFileHeader.flagHasVolume
    }
  }

  // MARK: - Appending rows

  /// Appends an order-book message (`orders` files only).
  public func append(_ event: OrderEvent) {
    guard check(.orders) else { return }
    beginRow(event.timeNanos)
    put(1, event.kind.rawValue)
    put(2, event.side.rawValue)
    put(3, event.orderID)
    put(4, event.newOrderID)
    put(5, event.price)
    put(6, event.quantity)
    put(7, event.instrument)
    endRow()
  }

  /// Appends a trade (`trades` files only); `quantity` in 1e-8 units, `side` nil when unknown.
  public func appendTrade(timeNanos: Int64, price: Int64, quantity: Int64, side: Side?) {
    guard check(.trades) else { return }
    beginRow(timeNanos)
    put(1, price)
    put(2, quantity)
    put(3, side?.rawValue ?? TickSide.unknown)
    endRow()
  }

  /// Appends a quote (`quotes` files only); prices and sizes in 1e-8 units.
  public func appendQuote(timeNanos: Int64, bid: Int64, bidSize: Int64, ask: Int64, askSize: Int64) {
    guard check(.quotes) else { return }
    beginRow(timeNanos)
    put(1, bid)
    put(2, bidSize)
    put(3, ask)
    put(4, askSize)
    endRow()
  }

  /// Appends a bar (`bars` files only); prices and volume in 1e-8 units.
  public func appendBar(
    timeNanos: Int64, open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64
  ) {
    guard check(.bars) else { return }
    beginRow(timeNanos)
    put(1, open)
    put(2, high)
    put(3, low)
    put(4, close)
    put(5, volume)
    endRow()
  }

  /// Appends one level of a published book (`book` files only): `level` 0 is the best; prices in
  /// 1e-8 units, sizes in whole units, 0 for an empty level.
  public func appendBookLevel(
    timeNanos: Int64, level: UInt8, bid: Int64, bidSize: Int64, ask: Int64, askSize: Int64
  ) {
    guard check(.book) else { return }
    beginRow(timeNanos)
    put(1, level)
    put(2, bid)
    put(3, bidSize)
    put(4, ask)
    put(5, askSize)
    endRow()
  }

  private func check(_ expected: TickRecordKind) -> Bool {
    if kind == expected { return true }
    if failure == nil {
      failure = TickDiagnostics.wrongRow(
        path: path, "expected \(kind) rows in this file; found a row of \(expected)")
    }
    return false
  }

  @inline(__always)
  private func beginRow(_ time: Int64) {
    if rowCount == 0 { header.firstTime = time }
    if time < previousTime { header.flags &= ~TickFileHeader.flagTimeSorted }
    previousTime = time
    header.lastTime = time
    put(0, time)
  }

  @inline(__always)
  private func put<T: FixedWidthInteger>(_ column: Int, _ value: T) {
    (block + slices[column] + rowsInBlock * MemoryLayout<T>.size)
      .storeBytes(of: value.littleEndian, as: T.self)
  }

  @inline(__always)
  private func endRow() {
    rowCount += 1
    rowsInBlock += 1
    if rowsInBlock == blockRows { spillBlock() }
  }

  /// Appends the full block to the spill and keeps its offset.
  private func spillBlock() {
    guard failure == nil else {
      rowsInBlock = 0
      return
    }
    do throws(Diagnostic) {
      blockOffsets.append(try spill.append(block, blockBytes, for: path))
    } catch {
      failure = error
    }
    rowsInBlock = 0
  }
}
