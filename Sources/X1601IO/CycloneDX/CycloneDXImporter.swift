import Foundation
import X1601Analysis
import X1601Graph

/// Imports a CycloneDX JSON document (specification versions 1.2 to 1.6) as a supply chain
/// model.
///
/// - The metadata component and every component, nested ones included, become components;
///   every service, nested ones included, becomes a service. Node ids are `bom-ref` values;
///   an element without one gets `name@version`.
/// - A service's `provider` becomes a party with the provider role that provides it. A
///   component's `supplier`, `manufacturer` (1.6) and `publisher`, and the metadata's
///   `supplier` and `manufacture`/`manufacturer` for the metadata component, become partner
///   parties that supply it. Parties are named by their `name` and merged by name.
/// - The `dependencies` graph (`ref` and `dependsOn`) becomes the dependencies. Nesting
///   becomes dependencies (the parent depends on each child) only when the document has no
///   `dependencies` array, because the graph, when present, states the real relations.
/// - `trustZone` and `x-trust-boundary` are kept; a service that crosses a trust boundary, or
///   that is not authenticated, is exposed to insecure service access (clause 7.1.2). Data
///   classifications (`data[].classification`, or `data[].name` in 1.5 and later) are kept;
///   personal or confidential data (PII, PIFI, PHI, personal, confidential, sensitive) exposes
///   the node to data loss and leakage (7.1.1) and loss of privacy (8.1.4).
///
/// Errors: a document that is not CycloneDX, duplicate `bom-ref` values and references to an
/// unknown `bom-ref`. Warnings: an unsupported `specVersion` (read as 1.6), self-dependencies
/// (dropped) and repeated dependency entries (merged).
public enum CycloneDXImporter {
  /// The specification versions this importer was written against.
  public static let supportedVersions = ["1.2", "1.3", "1.4", "1.5", "1.6"]

  /// Reads the CycloneDX JSON file at `path`.
  public static func read(from path: String) throws(ModelError) -> ImportResult {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(file: path, reason: error.localizedDescription)
    }
    return try parse(data, file: path)
  }

  /// Parses a CycloneDX JSON document; `file` names the source in messages.
  public static func parse(_ data: Data, file: String) throws(ModelError) -> ImportResult {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data)
    } catch {
      let detail =
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        ?? error.localizedDescription
      throw .invalidJSON(file: file, detail: detail)
    }
    var importer = CycloneDXReader(file: file)
    importer.read(root)
    if !importer.fields.problems.isEmpty {
      throw ModelError.invalid(file: file, all: importer.fields.problems)
    }
    return ImportResult(
      model: importer.model, warnings: importer.warnings.warnings,
      warningCount: importer.warnings.count)
  }
}

/// The state of one CycloneDX import.
struct CycloneDXReader {
  let file: String
  var fields = JSONFields()
  var warnings = WarningLog()
  var model = SupplyChainModel()
  /// Index of each node id: services are stored as (true, index), components as (false, index).
  var nodeIndex: [String: (isService: Bool, index: Int)] = [:]
  var nodePath: [String: String] = [:]
  var partyIndex: [String: Int] = [:]
  /// Parent-child pairs from nesting.
  var nesting: [(parent: String, child: String)] = []

  init(file: String) {
    self.file = file
  }

  mutating func read(_ root: Any) {
    guard let top = fields.object(root, at: "$") else { return }
    guard (top["bomFormat"] as? String) == "CycloneDX" else {
      fields.fail(
        "$.bomFormat",
        "expected \"CycloneDX\", found \(top["bomFormat"].map(JSONFields.describe) ?? "nothing"): "
          + "this is not a CycloneDX JSON document")
      return
    }
    let version = fields.string(top, "specVersion", at: "$", required: false) ?? "1.6"
    if !CycloneDXImporter.supportedVersions.contains(version) {
      warnings.add(
        "$.specVersion",
        "specification version \"\(version)\" is not one of "
          + "\(CycloneDXImporter.supportedVersions.joined(separator: ", ")): read as 1.6")
    }

    if let metadata = top["metadata"] as? [String: Any] {
      model.name = (metadata["component"] as? [String: Any])?["name"] as? String
      if let component = metadata["component"] as? [String: Any] {
        var suppliers: [String] = []
        for key in ["supplier", "manufacture", "manufacturer"] {
          if let name = organizationName(metadata[key]) { suppliers.append(name) }
        }
        addComponent(component, at: "$.metadata.component", parent: nil, extraSuppliers: suppliers)
      }
    }
    for (index, component) in fields.array(top, "components", at: "$").enumerated() {
      addComponent(component, at: "$.components[\(index)]", parent: nil, extraSuppliers: [])
    }
    for (index, service) in fields.array(top, "services", at: "$").enumerated() {
      addService(service, at: "$.services[\(index)]", parent: nil)
    }

    let dependencies = top["dependencies"]
    if let dependencies, !(dependencies is NSNull) {
      readDependencies(dependencies)
    } else {
      for (parent, child) in nesting { appendDependency(parent, child) }
    }
  }

  // MARK: - Elements

  /// Returns the `name` of an organizational entity, or a plain string.
  func organizationName(_ value: Any?) -> String? {
    if let text = value as? String, !text.isEmpty { return text }
    if let object = value as? [String: Any], let name = object["name"] as? String, !name.isEmpty {
      return name
    }
    return nil
  }

  mutating func party(_ name: String, role: PartyRole) -> String {
    if let index = partyIndex[name] {
      // A party that provides a service is a provider, whatever else it supplies.
      if role == .provider { model.parties[index].role = .provider }
      return model.parties[index].id
    }
    var id = name
    if nodeIndex[id] != nil { id += " (party)" }
    partyIndex[name] = model.parties.count
    model.parties.append(SupplyChainModel.Party(id: id, role: role))
    return id
  }

  /// Returns the node id of an element: its `bom-ref`, or `name@version`.
  mutating func elementID(_ object: [String: Any], at path: String) -> String? {
    if let reference = fields.string(object, "bom-ref", at: path, required: false),
      !reference.isEmpty
    {
      return reference
    }
    guard let name = fields.string(object, "name", at: path, required: true) else { return nil }
    let version = object["version"] as? String
    return version.map { "\(name)@\($0)" } ?? name
  }

  mutating func register(_ id: String, isService: Bool, index: Int, at path: String) -> Bool {
    if let first = nodePath[id] {
      fields.fail(
        "\(path).bom-ref",
        "duplicate bom-ref \"\(id)\", first used at \(first): give each element a unique bom-ref")
      return false
    }
    nodePath[id] = path
    nodeIndex[id] = (isService, index)
    return true
  }

  mutating func addComponent(
    _ value: Any, at path: String, parent: String?, extraSuppliers: [String]
  ) {
    guard let object = fields.object(value, at: path), let id = elementID(object, at: path)
    else { return }
    var node = SupplyChainModel.Node(id: id)
    node.name = displayName(object)
    guard register(id, isService: false, index: model.components.count, at: path) else { return }
    var suppliers = extraSuppliers
    for key in ["supplier", "manufacturer", "publisher"] {
      if let name = organizationName(object[key]), !suppliers.contains(name) {
        suppliers.append(name)
      }
    }
    node.suppliers = suppliers.map { party($0, role: .partner) }
    readData(object, into: &node, at: path)
    model.components.append(node)
    if let parent { nesting.append((parent, id)) }
    for (index, child) in fields.array(object, "components", at: path).enumerated() {
      addComponent(child, at: "\(path).components[\(index)]", parent: id, extraSuppliers: [])
    }
  }

  mutating func addService(_ value: Any, at path: String, parent: String?) {
    guard let object = fields.object(value, at: path), let id = elementID(object, at: path)
    else { return }
    var node = SupplyChainModel.Node(id: id)
    node.name = displayName(object)
    node.category = .saas
    guard register(id, isService: true, index: model.services.count, at: path) else { return }
    if let provider = organizationName(object["provider"]) {
      node.provider = party(provider, role: .provider)
    }
    node.trustZone = object["trustZone"] as? String
    if let boundary = object["x-trust-boundary"] as? NSNumber, JSONFields.isBoolean(boundary) {
      node.trustBoundary = boundary.boolValue
    } else if let boundary = object["trustBoundary"] as? NSNumber, JSONFields.isBoolean(boundary) {
      node.trustBoundary = boundary.boolValue
    }
    var exposures: [String] = []
    let authenticated = (object["authenticated"] as? NSNumber).map(\.boolValue)
    if node.trustBoundary == true || authenticated == false { exposures.append("7.1.2") }
    node.exposures = exposures
    readData(object, into: &node, at: path)
    model.services.append(node)
    if let parent { nesting.append((parent, id)) }
    for (index, child) in fields.array(object, "services", at: path).enumerated() {
      addService(child, at: "\(path).services[\(index)]", parent: id)
    }
  }

  func displayName(_ object: [String: Any]) -> String? {
    guard let name = object["name"] as? String else { return nil }
    if let group = object["group"] as? String, !group.isEmpty { return "\(group)/\(name)" }
    return name
  }

  /// Keeps data classifications and derives the exposures they imply.
  mutating func readData(
    _ object: [String: Any], into node: inout SupplyChainModel.Node, at path: String
  ) {
    guard let data = object["data"] as? [Any] else { return }
    for entry in data {
      guard let flow = entry as? [String: Any] else { continue }
      let label = (flow["classification"] as? String) ?? (flow["name"] as? String)
      guard let label, !label.isEmpty, !node.data.contains(label) else { continue }
      node.data.append(label)
      let lowered = label.lowercased()
      let sensitive = ["pii", "pifi", "phi", "personal", "confidential", "sensitive"]
      if sensitive.contains(where: { lowered.contains($0) }) {
        for clause in ["7.1.1", "8.1.4"] where !node.exposures.contains(clause) {
          node.exposures.append(clause)
        }
      }
    }
  }

  // MARK: - Dependencies

  mutating func readDependencies(_ value: Any) {
    guard let entries = value as? [Any] else {
      fields.fail("$.dependencies", "expected an array, found \(JSONFields.describe(value))")
      return
    }
    for (index, entry) in entries.enumerated() {
      let path = "$.dependencies[\(index)]"
      guard let object = fields.object(entry, at: path),
        let reference = fields.string(object, "ref", at: path, required: true)
      else { continue }
      guard nodeIndex[reference] != nil else {
        fields.fail(
          "\(path).ref",
          "unknown bom-ref \"\(reference)\": declare the component or service, or remove the "
            + "entry")
        continue
      }
      for (position, target) in fields.strings(object, "dependsOn", at: path).enumerated() {
        let targetPath = "\(path).dependsOn[\(position)]"
        guard nodeIndex[target] != nil else {
          fields.fail(
            targetPath,
            "unknown bom-ref \"\(target)\": declare the component or service, or remove the "
              + "reference")
          continue
        }
        if target == reference {
          warnings.add(
            targetPath, "\"\(target)\" depends on itself: the self-dependency is dropped")
          continue
        }
        appendDependency(reference, target)
      }
    }
  }

  mutating func appendDependency(_ dependent: String, _ dependency: String) {
    guard let location = nodeIndex[dependent] else { return }
    if location.isService {
      if !model.services[location.index].dependsOn.contains(dependency) {
        model.services[location.index].dependsOn.append(dependency)
      }
    } else if !model.components[location.index].dependsOn.contains(dependency) {
      model.components[location.index].dependsOn.append(dependency)
    }
  }
}
