import Foundation
@testable import StratMarket
import Testing

/// `FileBytes.readAll` returns a file's bytes exactly whatever its size hint says: the right
/// size, too small (the file grew after `fstat`) or too large (it shrank).
@Suite struct FileBytesReadTests {
  @Test(arguments: [0, 1, 4_095, 10_000, 70_000, 1 << 20])
  func readsEveryByteWhateverTheHint(_ hint: Int) throws {
    let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    let path = TestPaths.temporaryFolder() + "/bytes.bin"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let fd = open(path, O_RDONLY)
    defer { close(fd) }
    let read = try FileBytes.readAll(fd, path: path, sizeHint: hint)
    #expect(read.count == bytes.count)
    #expect(read == bytes)
  }
}
