import X1601Graph

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure to read or write a binary graph file. Each description names the file, what is
/// wrong with it and what to do.
public enum BinaryGraphError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be opened, examined or mapped.
  case unreadable(path: String, operation: String, code: Int32)
  /// The file is shorter than the fixed header.
  case truncatedHeader(path: String, size: Int)
  /// The file does not start with the format's magic bytes.
  case wrongMagic(path: String)
  /// The file was written by a format version this reader does not know.
  case unsupportedVersion(path: String, version: UInt32)
  /// The header's own checksum does not match its bytes.
  case headerChecksumMismatch(path: String)
  /// A header field is out of range; `field` names it.
  case invalidHeader(path: String, field: String, value: UInt64)
  /// The header's counts call for `expected` bytes, but the file holds `actual`.
  case sizeMismatch(path: String, expected: UInt64, actual: UInt64)
  /// The checksum over the arrays does not match the one in the header.
  case checksumMismatch(path: String, expected: UInt64, actual: UInt64)
  /// The arrays break a structural rule of the graph; `detail` says which.
  case invalidStructure(path: String, detail: String)
  /// The graph is too large for the format or the core.
  case graphTooLarge(path: String, detail: String)
  /// The file could not be written.
  case writeFailed(FileWriteErrorDescription)

  /// The text of a `FileWriteError`, kept as a value so that this enum stays `Equatable`.
  public struct FileWriteErrorDescription: Sendable, Equatable {
    public let path: String
    public let message: String
  }

  public var description: String {
    switch self {
    case .unreadable(let path, let operation, let code):
      return "cannot \(operation) \(path): \(systemMessage(code)); check the path and permissions"
    case .truncatedHeader(let path, let size):
      return
        "\(path) is truncated: it holds \(size) bytes, fewer than the "
        + "\(BinaryGraphFormat.headerSize)-byte header; write the file again with x1601 convert"
    case .wrongMagic(let path):
      return
        "\(path) is not an x1601 binary graph (wrong magic bytes); convert it first with "
        + "x1601 convert, or read it as an edge list"
    case .unsupportedVersion(let path, let version):
      return
        "\(path) uses binary graph format version \(version), but this build reads version "
        + "\(BinaryGraphFormat.version); convert it with the x1601 that wrote it or update x1601"
    case .headerChecksumMismatch(let path):
      return
        "\(path) has a damaged header (its checksum does not match); write the file again"
    case .invalidHeader(let path, let field, let value):
      return
        "\(path) has an invalid header: \(field) is \(value); write the file again"
    case .sizeMismatch(let path, let expected, let actual):
      let verb = actual < expected ? "is truncated" : "has trailing bytes"
      return
        "\(path) \(verb): its header calls for \(expected) bytes but the file holds \(actual); "
        + "copy or write the file again"
    case .checksumMismatch(let path, let expected, let actual):
      return
        "\(path) is damaged: the checksum of its arrays is \(hex(actual)) but the header "
        + "records \(hex(expected)); copy or write the file again"
    case .invalidStructure(let path, let detail):
      return
        "\(path) holds an invalid graph: \(detail); write the file again from its source"
    case .graphTooLarge(let path, let detail):
      return "\(path) cannot hold this graph: \(detail)"
    case .writeFailed(let error):
      return error.message
    }
  }

  private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
  }
}

func systemMessage(_ code: Int32) -> String {
  String(cString: strerror(code))
}

extension BinaryGraphError {
  init(_ error: FileWriteError) {
    self = .writeFailed(FileWriteErrorDescription(path: error.path, message: error.description))
  }
}
