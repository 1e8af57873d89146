import Foundation
import X1601Analysis

/// The formats a supply chain can be read from.
public enum ModelFormat: String, Sendable, CaseIterable {
  /// The x1601 JSON model (`docs/model-format.md`).
  case model
  /// A CycloneDX JSON document.
  case cyclonedx
  /// A Debian package index, plain or xz-compressed.
  case debian
}

/// Reads a supply chain from any supported format, recognised by content.
public enum ModelLoader {
  /// The format of the file at `path`: an xz stream or a file whose first field is `Package:`
  /// is a Debian index; a JSON object with a `bomFormat` field is CycloneDX; another JSON
  /// object is a model.
  public static func detectFormat(path: String) throws(ModelError) -> ModelFormat {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(file: path, reason: "no such file or no permission to read it")
    }
    defer { try? handle.close() }
    let head = [UInt8]((try? handle.read(upToCount: 65_536)) ?? Data())
    if head.starts(with: DebianPackagesImporter.xzMagic) { return .debian }
    guard
      let first = head.firstIndex(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
      )
    else { throw .unknownFormat(file: path) }
    if head[first] == UInt8(ascii: "{") {
      let text = String(decoding: head, as: UTF8.self)
      return text.contains("\"bomFormat\"") ? .cyclonedx : .model
    }
    let text = String(decoding: head[first...], as: UTF8.self)
    if text.hasPrefix("Package:") || text.contains("\nPackage:") { return .debian }
    throw .unknownFormat(file: path)
  }

  /// Reads the file at `path` as a model, importing CycloneDX and Debian files.
  ///
  /// - Parameter alternatives: how Debian alternatives become dependencies.
  public static func load(
    path: String, format: ModelFormat? = nil, alternatives: DebianAlternatives = .any
  ) throws(ModelError) -> (format: ModelFormat, result: ImportResult) {
    let detected: ModelFormat
    if let format {
      detected = format
    } else {
      detected = try detectFormat(path: path)
    }
    switch detected {
    case .model:
      return (detected, ImportResult(model: try SupplyChainModel.read(from: path)))
    case .cyclonedx:
      return (detected, try CycloneDXImporter.read(from: path))
    case .debian:
      return (detected, try DebianPackagesImporter.read(from: path, alternatives: alternatives))
    }
  }

  /// Reads the file at `path` as a supply chain, taking the direct path for Debian indexes.
  public static func loadSupplyChain(
    path: String, format: ModelFormat? = nil, alternatives: DebianAlternatives = .any
  ) throws(ModelError) -> (
    format: ModelFormat, chain: SupplyChain, warnings: [ModelProblem], warningCount: Int
  ) {
    let detected: ModelFormat
    if let format {
      detected = format
    } else {
      detected = try detectFormat(path: path)
    }
    if detected == .debian {
      let loaded = try DebianPackagesImporter.readSupplyChain(
        from: path, alternatives: alternatives)
      return (detected, loaded.chain, loaded.warnings, loaded.warningCount)
    }
    let loaded = try load(path: path, format: detected, alternatives: alternatives)
    let chain = try loaded.result.model.makeSupplyChain(file: path)
    return (detected, chain, loaded.result.warnings, loaded.result.warningCount)
  }
}
