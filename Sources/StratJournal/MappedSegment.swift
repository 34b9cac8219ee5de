#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One segment file mapped into memory: read-only for the reader, MAP_SHARED read-write for the
/// writer (its stores go straight to the page cache, so they survive `kill -9` of the process).
/// Owns the descriptor and the mapping; both go when the last reference does.
package final class MappedSegment: @unchecked Sendable {
  package let path: String
  package let number: UInt32
  package let fd: Int32
  package let base: UnsafeMutableRawPointer?
  /// Bytes mapped: the file's size.
  package let size: Int

  private init(path: String, number: UInt32, fd: Int32, base: UnsafeMutableRawPointer?, size: Int) {
    self.path = path
    self.number = number
    self.fd = fd
    self.base = base
    self.size = size
  }

  deinit {
    if let base { munmap(base, size) }
    close(fd)
  }

  /// Maps an existing segment read-only, refusing one larger than the largest segment.
  package static func openForReading(path: String, number: UInt32) throws(JournalError)
    -> MappedSegment
  {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .system("open", file: path, errno: errno) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      defer { close(fd) }; throw .system("fstat", file: path, errno: errno)
    }
    let size = Int(info.st_size)
    guard size <= JournalFormat.maximumSegmentSize else {
      close(fd)
      throw JournalError(
        "journal.bad-segment-header",
        "the file has \(size) bytes; a segment has at most 1 GiB",
        file: path
      )
    }
    do throws(JournalError) {
      return try map(path: path, number: number, fd: fd, size: size, writable: false)
    } catch {
      close(fd)
      throw error
    }
  }

  /// Opens a segment for appending: cuts it at `cut` (zeroing everything after, which drops a
  /// torn tail) when `zeroFrom` says so, makes it `size` bytes with blocks allocated, and maps it.
  package static func openForWriting(
    path: String,
    number: UInt32,
    size: Int,
    zeroFrom cut: Int?,
    create: Bool
  ) throws(JournalError) -> MappedSegment {
    let fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0), 0o644)
    guard fd >= 0 else { throw .system("open", file: path, errno: errno) }
    do throws(JournalError) {
      if let cut, ftruncate(fd, off_t(cut)) != 0 {
        throw JournalError.system("ftruncate", file: path, errno: errno)
      }
      try allocate(fd, size, path)
      if cut != nil, fdatasync(fd) != 0 {
        throw JournalError.system("fdatasync", file: path, errno: errno)
      }
      return try map(path: path, number: number, fd: fd, size: size, writable: true)
    } catch {
      close(fd)
      throw error
    }
  }

  /// Gives the file `size` bytes with its blocks allocated, so a store into the mapping never
  /// meets a full disk (which would be SIGBUS). Falls back to ftruncate where the file system
  /// cannot preallocate.
  private static func allocate(_ fd: Int32, _ size: Int, _ path: String) throws(JournalError) {
    let code = posix_fallocate(fd, 0, off_t(size))
    if code == 0 { return }
    guard code == EOPNOTSUPP || code == EINVAL else {
      throw .system("posix_fallocate", file: path, errno: code)
    }
    if ftruncate(fd, off_t(size)) != 0 { throw .system("ftruncate", file: path, errno: errno) }
  }

  private static func map(
    path: String,
    number: UInt32,
    fd: Int32,
    size: Int,
    writable: Bool
  ) throws(JournalError) -> MappedSegment {
    guard size > 0 else {
      return MappedSegment(path: path, number: number, fd: fd, base: nil, size: 0)
    }
    let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
    // A writable mapping is populated now (off the hot thread: at open, or by the syncer for a
    // spare), so the first store to each page takes a minor fault instead of a full one.
    let flags = writable ? MAP_SHARED | MAP_POPULATE : MAP_PRIVATE
    guard let base = mmap(nil, size, protection, flags, fd, 0), base != MAP_FAILED else {
      throw .system("mmap", file: path, errno: errno)
    }
    return MappedSegment(path: path, number: number, fd: fd, base: base, size: size)
  }

  /// Writes the pages holding bytes `start..<end` to disk (MS_SYNC waits for the device).
  package func sync(from start: Int, to end: Int) throws(JournalError) {
    guard let base, end > start else { return }
    let page = 4096
    let from = start & ~(page - 1)
    guard msync(base + from, min(end, size) - from, MS_SYNC) == 0 else {
      throw .system("msync", file: path, errno: errno)
    }
  }
}
