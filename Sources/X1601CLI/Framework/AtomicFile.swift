import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes files so that readers see either the old content or the whole new content.
public enum AtomicFile {
  /// Writes `data` to a temporary file in the folder of `path`, flushes it to disk and renames
  /// it over `path`. On failure the temporary file is removed and `path` is left unchanged.
  ///
  /// - Throws: `CLIError.failure` naming the path, the system error and the fix.
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let temporary =
      folder + "/." + url.lastPathComponent
      + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor < 0 {
      throw failure("cannot create a temporary file in the folder of", path)
    }
    var succeeded = false
    defer {
      if !succeeded { unlink(temporary) }
    }

    let wroteAll = data.withUnsafeBytes { buffer -> Bool in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += written
      }
      return true
    }
    if !wroteAll {
      let error = failure("cannot write", path)
      close(descriptor)
      throw error
    }
    if fsync(descriptor) != 0 {
      let error = failure("cannot flush", path)
      close(descriptor)
      throw error
    }
    if close(descriptor) != 0 {
      throw failure("cannot close", path)
    }
    if rename(temporary, path) != 0 {
      throw failure("cannot rename the temporary file onto", path)
    }
    succeeded = true
  }

  private static func failure(_ action: String, _ path: String) -> CLIError {
    let reason = String(cString: strerror(errno))
    return .failure(
      "\(action) \"\(path)\": \(reason); check that the folder exists and is writable")
  }
}
