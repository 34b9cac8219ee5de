import Foundation
import StratDiagnostics

/// An unlinked temporary file that tick writers append full row blocks to, shared by all the
/// writers of one import so that a feed with thousands of instruments holds one descriptor, not
/// one per instrument. Each writer remembers the offsets of its own blocks.
public final class TickSpill {
  private let folder: String
  private var fd: Int32 = -1
  private var end = 0

  /// A spill created (on first use) in `folder`, which should be on the target's file system.
  public init(folder: String) { self.folder = folder }

  deinit { if fd >= 0 { close(fd) } }

  /// Appends `count` bytes at `p`; returns the offset they were written at.
  func append(_ p: UnsafeRawPointer, _ count: Int, for path: String) throws(Diagnostic) -> Int {
    if fd < 0 { fd = try TickFileIO.anonymousFile(near: folder + "/x") }
    let at = end
    try TickFileIO.writeAll(fd, p, count, at: at, path: path)
    end += count
    return at
  }

  /// Reads `count` bytes at `offset` into `p`.
  func read(into p: UnsafeMutableRawPointer, _ count: Int, at offset: Int, for path: String) throws(Diagnostic) {
    try TickFileIO.readAll(fd, p, count, at: offset, path: path)
  }
}
