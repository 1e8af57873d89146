#if canImport(Glibc)
  import Glibc
#endif

/// Helpers shared by the fuzz targets.
public enum FuzzSupport {
  /// Stops the fuzzer with a message: libFuzzer records the input as a crash.
  public static func fail(_ message: String) -> Never {
    let line = Array("fuzz invariant broken: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
  }

  /// A file path private to this process, in memory when /dev/shm exists, for the readers
  /// that take paths.
  public static let scratchPath: String = {
    var folder = "/dev/shm"
    if access(folder, W_OK) != 0 { folder = "/tmp" }
    return "\(folder)/x1601-fuzz-\(getpid())"
  }()

  /// Replaces the file at `path` with `bytes`.
  public static func writeFile(_ bytes: [UInt8], to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fail("cannot create \(path)") }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes {
        write(descriptor, $0.baseAddress! + written, $0.count - written)
      }
      guard result > 0 else { fail("cannot write \(path)") }
      written += result
    }
  }

  /// Removes every file whose path starts with `scratchPath`.
  public static func removeScratch(_ suffixes: [String]) {
    for suffix in suffixes { unlink(scratchPath + suffix) }
  }
}
