import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One writer per journal: a POSIX record lock on `FOLDER/LOCK` keeps other processes out, and
/// a table of the folders this process holds (by device and inode) keeps a second writer in
/// this process out. Record locks, not flock: a child that `posix_spawn` is making shares this
/// process's open files until it execs, which would keep a flock held after `close`; record
/// locks belong to the process and are never inherited. Released by deinit, or by the kernel
/// when the process dies.
final class WriterLock {
  private static let held = Mutex<Set<[UInt64]>>([])
  private let fd: Int32
  private let key: [UInt64]

  init(folder: String) throws(JournalError) {
    var info = stat()
    guard stat(folder, &info) == 0 else { throw .system("stat", file: folder, errno: errno) }
    let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
    guard Self.held.withLock({ $0.insert(key).inserted }) else { throw Self.locked(folder) }
    let path = folder + "/LOCK"
    let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      let code = errno
      Self.held.withLock { _ = $0.remove(key) }
      throw .system("open", file: path, errno: code)
    }
    var request = flock()
    request.l_type = Int16(F_WRLCK)
    request.l_whence = Int16(SEEK_SET)
    guard fcntl(fd, F_SETLK, &request) == 0 else {
      let code = errno
      close(fd)
      Self.held.withLock { _ = $0.remove(key) }
      if code == EAGAIN || code == EACCES { throw Self.locked(folder) }
      throw .system("fcntl(F_SETLK)", file: path, errno: code)
    }
    self.fd = fd
    self.key = key
  }

  deinit {
    close(fd)
    Self.held.withLock { _ = $0.remove(key) }
  }

  private static func locked(_ folder: String) -> JournalError {
    JournalError(
      "journal.locked", "another writer has this journal open", file: folder,
      notes: ["one process appends to a journal at a time; stop the other engine first"])
  }
}
