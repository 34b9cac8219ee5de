import StratDiagnostics

/// Opens market data files whatever their compression.
public enum ByteStreams {
  /// Opens `path`, decompressing as it reads if the file starts with the gzip magic (1f 8b), so
  /// callers read `.csv.gz` and `.itch.gz` the same way as plain files. The path is opened once:
  /// the magic of a file is probed with `pread`, and a pipe, FIFO or device is read once into
  /// memory as readers ask for its bytes (`StreamedInput`, at most 1 GiB).
  public static func open(path: String) throws(MarketDataError) -> ByteStream {
    if StreamedInput.isStream(path) {
      let held: HeldByteStream
      do throws(Diagnostic) {
        held = HeldByteStream(try StreamedInput.source(of: path))
      } catch {
        throw MarketDataError(diagnostics: [error])
      }
      return held.startsWithGzipMagic ? GzipByteStream(source: held) : held
    }
    let file = try FileByteStream(path: path)
    return file.startsWithGzipMagic ? GzipByteStream(source: file) : file
  }
}
