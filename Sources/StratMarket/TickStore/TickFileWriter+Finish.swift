import Foundation
import StratDiagnostics

extension TickFileWriter {
  /// What `finish()` wrote.
  public struct Summary: Sendable, Equatable {
    /// The file written.
    public var path: String
    /// Rows in it.
    public var rows: Int
    /// Its size in bytes.
    public var bytes: Int
  }

  /// Writes the file atomically (temporary name, `fsync`, rename) and returns what was written.
  /// The writer must not be used afterwards.
  public func finish() throws(MarketDataError) -> Summary {
    do throws(Diagnostic) {
      if let failure { throw failure }
      try TickFileIO.createFolder(of: path)
      let temporary = path + ".tmp-\(getpid())"
      let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        throw TickDiagnostics.io(path: temporary, doing: "create", reason: FileBytes.lastError())
      }
      do throws(Diagnostic) {
        let encoded = try writeBody(fd)
        try TickFileIO.writeAll(fd, encoded, encoded.count, at: 0, path: temporary)
        guard fsync(fd) == 0 else {
          throw TickDiagnostics.io(path: temporary, doing: "fsync", reason: FileBytes.lastError())
        }
        close(fd)
      } catch {
        close(fd)
        unlink(temporary)
        throw error
      }
      guard rename(temporary, path) == 0 else {
        let reason = FileBytes.lastError()
        unlink(temporary)
        throw TickDiagnostics.io(path: path, doing: "rename the finished file to", reason: reason)
      }
      TickFileIO.syncFolder(of: path)
      return Summary(path: path, rows: rowCount, bytes: header.fileSize)
    } catch {
      throw MarketDataError(diagnostics: [error])
    }
  }

  /// Copies every column from the block and the spill into `fd` at its aligned offset; returns
  /// the encoded header and directory (written last by the caller).
  private func writeBody(_ fd: Int32) throws(Diagnostic) -> [UInt8] {
    var offset = TickFileHeader.aligned(
      TickFileHeader.size + kind.columns.count * TickFileHeader.entrySize)
    var entries: [TickFileHeader.Entry] = []
    for (index, column) in kind.columns.enumerated() {
      let length = rowCount * column.width
      let crc = try copyColumn(index, column, to: fd, at: offset)
      entries.append(.init(column: column, offset: offset, length: length, checksum: crc))
      offset = TickFileHeader.aligned(offset + length)
    }
    let end = entries.last.map { $0.offset + $0.length } ?? offset
    guard ftruncate(fd, off_t(end)) == 0 else {
      throw TickDiagnostics.io(path: path, doing: "size", reason: FileBytes.lastError())
    }
    header.rowCount = rowCount
    header.fileSize = end
    header.entries = entries
    return header.encoded()
  }

  /// Writes column `index` (spilled blocks, then the rows still in the block); returns its CRC.
  private func copyColumn(_ index: Int, _ column: TickColumn, to fd: Int32, at offset: Int)
    throws(Diagnostic) -> UInt32
  {
    let sliceBytes = blockRows * column.width
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: sliceBytes, alignment: 64)
    defer { scratch.deallocate() }
    var crc: UInt32 = 0
    var at = offset
    for blockOffset in blockOffsets {
      try spill.read(into: scratch, sliceBytes, at: blockOffset + slices[index], for: path)
      crc = CRC32.update(crc, scratch.assumingMemoryBound(to: UInt8.self), sliceBytes)
      try TickFileIO.writeAll(fd, scratch, sliceBytes, at: at, path: path)
      at += sliceBytes
    }
    let tail = rowsInBlock * column.width
    let pending = block + slices[index]
    crc = CRC32.update(crc, pending.assumingMemoryBound(to: UInt8.self), tail)
    try TickFileIO.writeAll(fd, pending, tail, at: at, path: path)
    return crc
  }
}

/// Small POSIX helpers for tick files: whole reads and writes at an offset, retried on EINTR.
enum TickFileIO {
  /// Writes `count` bytes at `p` to `fd` at `offset`.
  static func writeAll(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int, at offset: Int, path: String)
    throws(Diagnostic)
  {
    var done = 0
    while done < count {
      let n = pwrite(fd, p + done, count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw TickDiagnostics.io(path: path, doing: "write", reason: FileBytes.lastError()) }
      done += n
    }
  }

  /// Reads exactly `count` bytes of `fd` at `offset` into `p`.
  static func readAll(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ count: Int, at offset: Int, path: String)
    throws(Diagnostic)
  {
    var done = 0
    while done < count {
      let n = pread(fd, p + done, count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        throw TickDiagnostics.io(path: path, doing: "read back the spill of", reason: FileBytes.lastError())
      }
      done += n
    }
  }

  /// Creates a spill file in the target's folder and unlinks it at once: it needs no clean-up
  /// and disappears when closed, even after a crash.
  static func anonymousFile(near path: String) throws(Diagnostic) -> Int32 {
    try createFolder(of: path)
    let folder = (path as NSString).deletingLastPathComponent
    let name = (folder.isEmpty ? "." : folder) + "/.spill-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw TickDiagnostics.io(path: name, doing: "create", reason: FileBytes.lastError()) }
    unlink(name)
    return fd
  }

  /// Creates the folder of `path` and its parents when missing.
  static func createFolder(of path: String) throws(Diagnostic) {
    let folder = (path as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw TickDiagnostics.io(path: folder, doing: "create the folder", reason: SystemErrorText.describe(error))
    }
  }

  /// Makes a rename in the folder of `path` durable (best effort).
  static func syncFolder(of path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
