import Foundation
import X1601Analysis
import X1601Graph

/// The reading of a Debian relation with alternatives, such as `Depends: a | b`, as
/// dependencies.
public enum DebianAlternatives: String, CaseIterable, Sendable {
  /// The package depends on every alternative: it is affected when any alternative is. This is
  /// the pessimistic reading, right for compromise, because any installed alternative may be
  /// the bad one.
  case any
  /// The package depends on the first alternative that names a package of the index, which is
  /// the one the package manager installs by default.
  case first
  /// The package depends on an any-of group of all alternatives: it is affected only when every
  /// alternative is. This is the availability reading: another alternative can stand in.
  case all
}

/// Imports a Debian package index (the `Packages` control-file format, plain or
/// xz-compressed) as a supply chain model.
///
/// Each package becomes a component and its maintainer (the name before the e-mail address) a
/// party that supplies it. `Depends` and `Pre-Depends` become dependencies; `Recommends`,
/// `Suggests` and the other relations are ignored. A relation on a virtual package stands for
/// all its real providers, found through `Provides`, together with the real package of that
/// name if there is one. Version constraints and architecture qualifiers are checked and then
/// ignored: the index contains one version of each package.
///
/// Warnings, never errors, are given for a stanza without a `Package` field (skipped), a
/// package that appears twice (its relations are merged), a version constraint that does not
/// parse (the relation is kept without it) and relations on names that no package provides
/// (left out, counted in one warning).
public enum DebianPackagesImporter {
  /// Reads the index at `path`, decompressing it with `xz -dc` when it starts with the xz
  /// magic bytes.
  public static func read(
    from path: String, alternatives: DebianAlternatives = .any
  )
    throws(ModelError) -> ImportResult
  {
    let bytes = try loadBytes(path)
    return try parse(bytes, file: path, alternatives: alternatives)
  }

  /// The xz stream header: 0xFD '7' 'z' 'X' 'Z' 0x00.
  static let xzMagic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]

  /// Returns the file's bytes, decompressed when it is an xz stream.
  static func loadBytes(_ path: String) throws(ModelError) -> [UInt8] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(file: path, reason: error.localizedDescription)
    }
    if data.starts(with: xzMagic) { return try decompressXZ(path) }
    return [UInt8](data)
  }

  /// Runs `xz -dc` on `path` and returns its output.
  static func decompressXZ(_ path: String) throws(ModelError) -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xz", "-dc", "--", path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .toolFailed(
        file: path, tool: "xz",
        detail: "\(error.localizedDescription): install xz-utils or decompress the file first")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let text = String(decoding: message, as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      throw .toolFailed(
        file: path, tool: "xz",
        detail: "exit status \(process.terminationStatus): \(text.isEmpty ? "no message" : text)")
    }
    return [UInt8](data)
  }

  /// Parses an index already in memory and resolves its relations.
  static func parseIndex(
    _ bytes: [UInt8], file: String, alternatives: DebianAlternatives
  ) throws(ModelError) -> (DebianIndex, WarningLog) {
    var warnings = WarningLog()
    var stanzas = scanStanzas(bytes, warnings: &warnings)
    // Relation values folded over several lines were joined into `stanzas.extra`; they are
    // addressed past the end of the file's bytes.
    let buffer = stanzas.extra.isEmpty ? bytes : bytes + stanzas.extra
    stanzas.extra = []
    guard !stanzas.records.isEmpty else {
      throw ModelError.invalid(
        file: file,
        all: [
          ModelProblem(
            location: "line 1",
            message: "no stanza with a Package field: expected a Debian Packages index")
        ])
    }
    let index = buffer.withUnsafeBufferPointer { buffer in
      resolve(buffer, stanzas.records, alternatives: alternatives, warnings: &warnings)
    }
    return (index, warnings)
  }

  /// Parses an index already in memory as a model; `file` names the source in messages.
  ///
  /// - Throws: `ModelError.invalid` when no stanza has a `Package` field.
  /// - Complexity: O(*b* + *r* · *p*), for *b* bytes, *r* relations and *p* providers of a
  ///   virtual package.
  public static func parse(
    _ bytes: [UInt8], file: String, alternatives: DebianAlternatives = .any
  ) throws(ModelError) -> ImportResult {
    let (index, warnings) = try parseIndex(bytes, file: file, alternatives: alternatives)
    return ImportResult(
      model: index.model, warnings: warnings.warnings, warningCount: warnings.count)
  }

  /// Reads the index at `path` straight into a supply chain, the same one that
  /// `read(from:alternatives:)` and `SupplyChainModel.makeSupplyChain(file:)` give, without
  /// building the model's strings.
  public static func readSupplyChain(
    from path: String, alternatives: DebianAlternatives = .any
  ) throws(ModelError) -> (chain: SupplyChain, warnings: [ModelProblem], warningCount: Int) {
    let bytes = try loadBytes(path)
    let (index, warnings) = try parseIndex(bytes, file: path, alternatives: alternatives)
    return (try index.makeSupplyChain(file: path), warnings.warnings, warnings.count)
  }
}

// MARK: - Stanzas

/// The fields of one stanza that the importer reads, as byte ranges.
struct DebianStanza {
  var line: Int
  var package: Range<Int>?
  var maintainer: Range<Int>?
  /// `Depends` and `Pre-Depends` values, with the line of each field.
  var relations: [(range: Range<Int>, line: Int)] = []
  var provides: [Range<Int>] = []
}

extension DebianPackagesImporter {
  enum Field {
    case package, maintainer, depends, provides, other
  }

  /// Splits the index into stanzas and keeps the fields the importer reads.
  static func scanStanzas(
    _ bytes: [UInt8], warnings: inout WarningLog
  ) -> (
    records: [DebianStanza], extra: [UInt8]
  ) {
    var records: [DebianStanza] = []
    var extra: [UInt8] = []
    bytes.withUnsafeBufferPointer { b in
      let count = b.count
      var current: DebianStanza?
      var field = Field.other
      var fieldLine = 0
      var pieces: [Range<Int>] = []

      func finishField() {
        guard field != .other, !pieces.isEmpty, current != nil else {
          pieces.removeAll(keepingCapacity: true)
          return
        }
        var value = pieces[0]
        if pieces.count > 1 {
          let start = count + extra.count
          for (index, piece) in pieces.enumerated() {
            if index > 0 { extra.append(UInt8(ascii: " ")) }
            extra.append(contentsOf: b[piece])
          }
          value = start..<(count + extra.count)
        }
        switch field {
        case .package: current?.package = value
        case .maintainer: current?.maintainer = value
        case .depends: current?.relations.append((value, fieldLine))
        case .provides: current?.provides.append(value)
        case .other: break
        }
        pieces.removeAll(keepingCapacity: true)
        field = .other
      }

      func finishStanza() {
        finishField()
        guard let stanza = current else { return }
        current = nil
        if stanza.package == nil {
          warnings.add(
            "line \(stanza.line)", "stanza without a Package field: skipped; add the field")
        } else {
          records.append(stanza)
        }
      }

      var index = 0
      var line = 1
      while index < count {
        var end = count
        if let base = b.baseAddress, let newline = memchr(base + index, 0x0A, count - index) {
          end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        }
        var contentEnd = end
        if contentEnd > index && b[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
        let trimmed = trim(b, index..<contentEnd)

        if trimmed.isEmpty {
          finishStanza()
        } else if b[index] == UInt8(ascii: " ") || b[index] == UInt8(ascii: "\t") {
          if field != .other { pieces.append(trimmed) }
        } else {
          finishField()
          if current == nil { current = DebianStanza(line: line) }
          var colon = index
          while colon < contentEnd && b[colon] != UInt8(ascii: ":") { colon += 1 }
          if colon == contentEnd {
            warnings.add("line \(line)", "expected \"Field: value\": the line is ignored")
          } else {
            field = fieldKind(b, index..<colon)
            fieldLine = line
            let value = trim(b, (colon + 1)..<contentEnd)
            if field != .other { pieces = [value] }
          }
        }
        index = end + 1
        line += 1
      }
      finishStanza()
    }
    return (records, extra)
  }

  static func trim(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && isSpace(b[lower]) { lower += 1 }
    while upper > lower && isSpace(b[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  /// Returns the field a name selects, compared without regard to ASCII case.
  static func fieldKind(_ b: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Field {
    func equals(_ text: StaticString) -> Bool {
      guard text.utf8CodeUnitCount == name.count else { return false }
      let expected = text.utf8Start
      for offset in 0..<name.count {
        var byte = b[name.lowerBound + offset]
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
        if byte != expected[offset] { return false }
      }
      return true
    }
    switch name.count {
    case 7: return equals("package") ? .package : equals("depends") ? .depends : .other
    case 8: return equals("provides") ? .provides : .other
    case 10: return equals("maintainer") ? .maintainer : .other
    case 11: return equals("pre-depends") ? .depends : .other
    default: return .other
    }
  }
}
