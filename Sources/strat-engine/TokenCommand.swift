import Foundation

/// `strat-engine token FILE`: writes a new bearer token for the control API (32 random bytes
/// from /dev/urandom as hex) into FILE with mode 0600. It never replaces a file.
enum TokenCommand {
  static func main(_ args: ArraySlice<String>) -> Int32 {
    guard args.count == 1, let path = args.first, !path.hasPrefix("-") else {
      FileHandle.standardError.write(Data("usage: strat-engine token FILE\n".utf8))
      return 2
    }
    guard let random = FileHandle(forReadingAtPath: "/dev/urandom"), let bytes = try? random.read(upToCount: 32), bytes.count == 32 else {
      FileHandle.standardError.write(Data("strat-engine token: /dev/urandom cannot be read\n".utf8))
      return 1
    }
    let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else {
      FileHandle.standardError.write(Data("strat-engine token: cannot create \(path): \(String(cString: strerror(errno)))\n".utf8))
      return 1
    }
    defer { close(fd) }
    let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, text.utf8.count) }
    guard written == text.utf8.count else { return 1 }
    print("wrote \(path) (mode 0600)")
    return 0
  }
}
