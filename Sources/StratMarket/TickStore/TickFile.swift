import Foundation
import StratDiagnostics

/// A tick file opened for reading: mapped read-only with `mmap`, its header, directory and
/// (optionally) column checksums validated before any column is handed out, and its columns
/// exposed as typed `UnsafeBufferPointer`s into the mapping, valid while the `TickFile` lives.
///
/// A file that is truncated, corrupt, from a newer format version or not a tick file at all is a
/// `data.tick.*` error, never a trap. (A file truncated by another process *while* mapped would
/// still fault on access, as with any mapping; tick files are written once, by rename.)
public final class TickFile {
  /// The path the file was opened from.
  public let path: String
  /// The validated header and directory.
  public let header: TickFileHeader
  /// Start of the mapping (nil for an empty mapping, which never validates).
  @usableFromInline let base: UnsafeRawPointer
  private let mappedLength: Int

  /// Maps and validates the file at `path`; `verifyChecksums` also checks each column's CRC-32
  /// (one pass over the data, at a few GB/s).
  public init(path: String, verifyChecksums: Bool = true) throws(MarketDataError) {
    self.path = path
    do throws(Diagnostic) {
      let (pointer, length) = try Self.map(path)
      base = UnsafeRawPointer(pointer)
      mappedLength = length
    } catch {
      throw MarketDataError(diagnostics: [error])
    }
    // `header` is assigned last: a failure before it leaves the object partly initialised, so
    // `deinit` does not run and the mapping is unmapped here once. (Had `deinit` run too, its
    // second `munmap` could remove another file's mapping that reused the address.)
    do throws(Diagnostic) {
      let decoded = try TickFileHeader.decode(base, size: mappedLength, path: path)
      if verifyChecksums { try Self.verifyColumns(base, decoded, path: path) }
      try RowChecker(base: base, header: decoded, path: path).check()
      header = decoded
    } catch {
      munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
      throw MarketDataError(diagnostics: [error])
    }
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: base), mappedLength) }

  /// Number of rows.
  @inlinable public var rowCount: Int { header.rowCount }

  /// The raw bytes of `column`, or nil when this kind of file has no such column.
  public func bytes(_ column: TickColumn) -> UnsafeRawBufferPointer? {
    guard let entry = header.entries.first(where: { $0.column == column }) else { return nil }
    return UnsafeRawBufferPointer(start: base + entry.offset, count: entry.length)
  }

  /// An 8-byte column (time, prices, sizes, order ids) as `Int64`; empty when absent.
  public func int64(_ column: TickColumn) -> UnsafeBufferPointer<Int64> { typed(column) }
  /// An 8-byte id column as `UInt64`; empty when absent.
  public func uint64(_ column: TickColumn) -> UnsafeBufferPointer<UInt64> { typed(column) }
  /// A 1-byte column (kind, side); empty when absent.
  public func uint8(_ column: TickColumn) -> UnsafeBufferPointer<UInt8> { typed(column) }
  /// A 4-byte column (instrument); empty when absent.
  public func uint32(_ column: TickColumn) -> UnsafeBufferPointer<UInt32> { typed(column) }

  /// The times, nanoseconds since the epoch.
  public var times: UnsafeBufferPointer<Int64> { int64(.time) }

  /// Column `column` viewed as `T` when its width is `T`'s size; empty otherwise. Columns are
  /// 64-byte aligned in a page-aligned mapping, so the view is aligned.
  private func typed<T>(_ column: TickColumn) -> UnsafeBufferPointer<T> {
    guard column.width == MemoryLayout<T>.size, let raw = bytes(column), raw.count > 0 else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    return raw.bindMemory(to: T.self)
  }

  // MARK: - Opening

  /// Maps `path` read-only; returns the mapping and its length.
  private static func map(_ path: String) throws(Diagnostic) -> (UnsafeMutableRawPointer, Int) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw TickDiagnostics.io(path: path, doing: "open", reason: FileBytes.lastError())
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw TickDiagnostics.io(path: path, doing: "stat", reason: FileBytes.lastError())
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw TickDiagnostics.io(path: path, doing: "map", reason: "it is not a regular file")
    }
    let length = Int(info.st_size)
    guard length > 0 else { throw TickDiagnostics.truncated(path: path, need: TickFileHeader.size, have: 0) }
    // MAP_POPULATE maps every page now, in one call: the columns are all read (checksums,
    // rows), and one fault per page cost a fifth of loading a LOBSTER day from the store.
    guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED else {
      throw TickDiagnostics.io(path: path, doing: "map", reason: FileBytes.lastError())
    }
    return (p, length)
  }

  /// Checks every column's CRC-32 against the directory.
  private static func verifyColumns(_ base: UnsafeRawPointer, _ header: TickFileHeader, path: String)
    throws(Diagnostic)
  {
    // The columns are summed at the same time; the first bad one in directory order is reported.
    let entries = header.entries
    let crcs = ParallelLoad.map(entries.count) { i in
      CRC32.update(0, (base + entries[i].offset).assumingMemoryBound(to: UInt8.self), entries[i].length)
    }
    for (i, entry) in entries.enumerated() {
      let crc = crcs[i]
      guard crc == entry.checksum else {
        throw TickDiagnostics.checksum(
          path: path, what: "column `\(entry.column)`",
          offset: TickFileHeader.size + i * TickFileHeader.entrySize + 4,
          stored: entry.checksum, computed: crc)
      }
    }
  }
}
