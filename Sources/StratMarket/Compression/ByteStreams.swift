import StratDiagnostics

/// Opens market data files whatever their compression.
public enum ByteStreams {
  /// Opens `path`, decompressing as it reads if the file starts with the gzip magic (1f 8b), so
  /// callers read `.csv.gz` and `.itch.gz` the same way as plain files. The path is opened once:
  /// the magic is probed from the same stream; a pipe, FIFO or device is read once into memory
  /// (`StreamedInput`, at most 1 GiB).
  public static func open(path: String) throws(MarketDataError) -> ByteStream {
    let raw: ByteStream
    if StreamedInput.isStream(path) {
      do throws(Diagnostic) {
        raw = HeldByteStream(try StreamedInput.source(of: path))
      } catch {
        throw MarketDataError(diagnostics: [error])
      }
    } else {
      raw = try FileByteStream(path: path)
    }
    var magic: (UInt8, UInt8) = (0, 0)
    let got = try withUnsafeMutableBytes(of: &magic) { (buffer) throws(MarketDataError) -> Int in
      var filled = 0
      while filled < 2 {
        let n = try raw.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        if n == 0 { break }
        filled += n
      }
      return filled
    }
    let file = PrefixedByteStream(prefix: Array([magic.0, magic.1].prefix(got)), source: raw)
    if got == 2 && magic == (0x1F, 0x8B) { return GzipByteStream(source: file) }
    return file
  }
}
