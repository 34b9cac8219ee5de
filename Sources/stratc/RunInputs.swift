import Dispatch
import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratMarket

/// The files a run reads, and the SHA-256 of each, for the run id. Regular files are hashed on
/// another thread while the run loads, compiles and steps (the bytes come from the page cache
/// the loader just filled), so the id costs no wall time on two cores; a pipe or device, which
/// cannot be read twice, is hashed at the end from the bytes its reader kept.
final class RunInputs: @unchecked Sendable {
  /// A file and the name it is known by in the run id.
  struct File {
    var name: String
    var path: String
  }

  let files: [File]
  private var digests: [String?]
  private var failure: String?
  private let group = DispatchGroup()

  /// Starts hashing `files` in the background.
  init(files: [File]) {
    self.files = files
    digests = Array(repeating: nil, count: files.count)
    group.enter()
    DispatchQueue.global().async { [self] in
      defer { group.leave() }
      for (k, file) in files.enumerated() where !StreamedInput.isPipeOrDevice(file.path) {
        guard let digest = Self.hash(path: file.path) else {
          failure = failure ?? file.path
          continue
        }
        digests[k] = digest
      }
    }
  }

  /// The files of a run on `dataSpecs`, resolved as the loaders resolve them: folders expanded
  /// to their CSV files, a LOBSTER message file with its orderbook file, a tick file of events
  /// with its book file. Nil when the specs are wrong (the loader then reports why).
  static func files(dataSpecs: [String], isBook: Bool) -> [File]? {
    guard isBook, let path = dataSpecs.first else {
      return (try? MarketDataSource.resolve(specs: dataSpecs))?.map {
        File(name: "\($0.symbol) \(($0.path as NSString).lastPathComponent)", path: $0.path)
      }
    }
    var paths = [path]
    switch BookFeed.format(of: path) {
    case .lobster: paths += [LOBSTERDay.companionOrderbook(of: path)].compactMap { $0 }
    case .tick:
      let book = TickImport.bookPath(forOrders: path)
      if FileManager.default.fileExists(atPath: book) { paths.append(book) }
    default: break
    }
    return paths.map { File(name: ($0 as NSString).lastPathComponent, path: $0) }
  }

  /// The digests of `inputs`, nil when its specs did not resolve (the loader reports why first,
  /// so this is only reached if it did not).
  static func digests(of inputs: RunInputs?) throws(BacktestError) -> [RunIngredients.Input] {
    guard let inputs else {
      throw BacktestError(id: "backtest.io", message: "the data specs could not be resolved to files for the run id")
    }
    return try inputs.digested()
  }

  /// Waits for the hashes; a file that could not be read again is a `backtest.io` error.
  func digested() throws(BacktestError) -> [RunIngredients.Input] {
    group.wait()
    if let failure {
      throw BacktestError(id: "backtest.io", message: "cannot read `\(failure)` again to hash it for the run id")
    }
    return try files.indices.map { k throws(BacktestError) in
      if let digest = digests[k] { return RunIngredients.Input(name: files[k].name, sha256: digest) }
      guard let held = StreamedInput.heldBytes(of: files[k].path) else {
        throw BacktestError(id: "backtest.io", message: "`\(files[k].path)` was not read, so it cannot be hashed for the run id")
      }
      return RunIngredients.Input(name: files[k].name, sha256: SHA256.hex(held))
    }
  }

  /// The SHA-256 of the regular file at `path`, read in 1 MiB pieces; nil when unreadable.
  static func hash(path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var hasher = SHA256Hasher()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
    defer { buffer.deallocate() }
    while true {
      let got = read(fd, buffer.baseAddress, buffer.count)
      if got < 0 && errno == EINTR { continue }
      if got < 0 { return nil }
      if got == 0 { break }
      hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
    }
    return hasher.finalizeHex()
  }
}
