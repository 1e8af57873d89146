#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that readers see either the old file or the complete new one, never a
/// partial file. The bytes go to a temporary file in the same folder, which is flushed to disk
/// and then renamed over the destination.
public enum AtomicFile {
  /// Replaces the file at `path` with `bytes`.
  ///
  /// - Throws: ``RenderError/writeFailed(path:reason:)`` naming the failing step and the system
  ///   error. The temporary file is removed on failure, and the destination is left unchanged.
  /// - Complexity: O(*b*), where *b* is the number of bytes.
  public static func write(_ bytes: [UInt8], to path: String) throws(RenderError) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty, name != ".", name != ".." else {
      throw .writeFailed(path: path, reason: "the path names a folder, not a file")
    }
    let temporaryPath = folder + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"

    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .writeFailed(path: path, reason: systemError("creating a temporary file"))
    }
    var failure: String? = nil
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = writeBytes(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = systemError("writing")
          return
        }
        offset += written
      }
    }
    if failure == nil && fsync(descriptor) != 0 {
      failure = systemError("flushing to disk")
    }
    if close(descriptor) != 0 && failure == nil {
      failure = systemError("closing")
    }
    if failure == nil && rename(temporaryPath, path) != 0 {
      failure = systemError("renaming the temporary file into place")
    }
    if let failure {
      unlink(temporaryPath)
      throw .writeFailed(path: path, reason: failure)
    }
  }

  /// Replaces the file at `path` with the UTF-8 bytes of `text`.
  public static func write(_ text: String, to path: String) throws(RenderError) {
    try write(Array(text.utf8), to: path)
  }

  private static func writeBytes(
    _ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int
  ) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
      Musl.write(descriptor, bytes, count)
    #else
      Darwin.write(descriptor, bytes, count)
    #endif
  }

  private static func systemError(_ step: String) -> String {
    "\(step) failed: \(String(cString: strerror(errno)))"
  }
}
