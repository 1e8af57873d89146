#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers see either the old contents or the complete new ones: bytes go
/// to a temporary file in the same folder, which is flushed to disk and then renamed over the
/// destination. A writer that is dropped without `commit()` removes its temporary file.
///
/// ```swift
/// var writer = try AtomicFileWriter(path: "out.svg")
/// try writer.write(bytes)
/// try writer.commit()
/// ```
public struct AtomicFileWriter: ~Copyable {
  /// The destination path.
  public let path: String
  /// The temporary file's path, in the destination's folder.
  public let temporaryPath: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private static let bufferLimit = 1 << 20

  /// Creates the temporary file beside `path`.
  ///
  /// - Throws: `FileWriteError` when the folder is missing or not writable.
  public init(path: String) throws(FileWriteError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var status = stat()
    if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      throw FileWriteError(path: path, operation: "replace", code: EISDIR)
    }
    var template = ((folder.isEmpty ? "/" : folder + "/") + "." + base + ".tmp-XXXXXX").utf8CString
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw FileWriteError(
        path: path, operation: "create a temporary file for", code: errno)
    }
    self.descriptor = descriptor
    self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    fchmod(descriptor, 0o644)
    UnfinishedFiles.shared.insert(temporaryPath)
  }

  /// Appends `bytes` to the file.
  public mutating func write(_ bytes: some Collection<UInt8>) throws(FileWriteError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferLimit {
      try flushBuffer()
    }
  }

  /// Appends the UTF-8 bytes of `text` to the file.
  public mutating func write(_ text: String) throws(FileWriteError) {
    try write(text.utf8)
  }

  private mutating func flushBuffer() throws(FileWriteError) {
    var written = 0
    while written < buffer.count {
      let result = buffer.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw FileWriteError(path: path, operation: "write", code: errno)
      }
      written += result
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes the file to disk and renames it over the destination.
  public consuming func commit() throws(FileWriteError) {
    try flushBuffer()
    guard fsync(descriptor) == 0 else {
      throw FileWriteError(path: path, operation: "flush", code: errno)
    }
    let closed = close(descriptor)
    descriptor = -1
    guard closed == 0 else {
      unlink(temporaryPath)
      UnfinishedFiles.shared.remove(temporaryPath)
      throw FileWriteError(path: path, operation: "close", code: errno)
    }
    guard rename(temporaryPath, path) == 0 else {
      let code = errno
      unlink(temporaryPath)
      UnfinishedFiles.shared.remove(temporaryPath)
      throw FileWriteError(path: path, operation: "move the finished temporary file to", code: code)
    }
    UnfinishedFiles.shared.remove(temporaryPath)
  }

  deinit {
    if descriptor >= 0 {
      close(descriptor)
      unlink(temporaryPath)
      UnfinishedFiles.shared.remove(temporaryPath)
    }
  }

  /// Removes the temporary file of every writer in the process that has neither committed nor
  /// been dropped, and returns how many files it removed. A program calls it when it is
  /// interrupted, just before it ends, so that no hidden partial file stays behind. The
  /// destinations keep their old contents.
  ///
  /// Not async-signal-safe: call it from a signal dispatch source or a normal thread, not from
  /// a signal handler.
  @discardableResult
  public static func removeUnfinishedTemporaryFiles() -> Int {
    UnfinishedFiles.shared.removeAll()
  }

  /// Writes `bytes` to `path` atomically.
  public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(FileWriteError)
  {
    var writer = try AtomicFileWriter(path: path)
    try writer.write(bytes)
    try writer.commit()
  }

  /// Writes the UTF-8 bytes of `text` to `path` atomically.
  public static func write(_ text: String, to path: String) throws(FileWriteError) {
    try write(Array(text.utf8), to: path)
  }
}

/// The temporary paths of the writers that have not finished, guarded by a pthread mutex
/// (which ThreadSanitizer understands).
private final class UnfinishedFiles: @unchecked Sendable {
  static let shared = UnfinishedFiles()

  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var paths: Set<String> = []

  private init() {
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  func insert(_ path: String) {
    pthread_mutex_lock(mutex)
    paths.insert(path)
    pthread_mutex_unlock(mutex)
  }

  func remove(_ path: String) {
    pthread_mutex_lock(mutex)
    paths.remove(path)
    pthread_mutex_unlock(mutex)
  }

  /// Unlinks every registered path, clears the set and returns how many files were unlinked.
  func removeAll() -> Int {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    var removed = 0
    for path in paths where unlink(path) == 0 {
      removed += 1
    }
    paths.removeAll()
    return removed
  }
}

/// A failure to write an output file.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
  public let path: String
  public let operation: String
  public let code: Int32

  public init(path: String, operation: String, code: Int32) {
    self.path = path
    self.operation = operation
    self.code = code
  }

  public var description: String {
    let reason = String(cString: strerror(code))
    return "cannot \(operation) \(path): \(reason); \(fix)"
  }

  /// What the user can do about the failure.
  var fix: String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    switch code {
    case ENOENT, ENOTDIR: return "create the folder \(folder.isEmpty ? "/" : folder) first"
    case EISDIR: return "give a file name inside the folder, not the folder itself"
    case EACCES, EPERM, EROFS: return "choose a folder you can write to"
    case ENOSPC, EDQUOT: return "free disk space or write elsewhere"
    default: return "check that the folder exists and is writable"
    }
  }
}
