import Foundation
import X1601Analysis
import X1601Graph

extension SupplyChainModel {
  /// Reads and validates the model in the JSON file at `path`.
  ///
  /// - Throws: `ModelError` naming the file, the JSON path and the value of every problem.
  public static func read(from path: String) throws(ModelError) -> SupplyChainModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(file: path, reason: error.localizedDescription)
    }
    return try SupplyChainModel(jsonData: data, file: path)
  }

  /// Parses and validates a model from JSON bytes; `file` names the source in messages.
  ///
  /// Every problem is reported at once: values of the wrong type, unknown fields, unknown
  /// roles, categories, clauses and node references, duplicate ids, self-dependencies,
  /// probabilities outside 0...1 and transmissions on links that do not exist.
  public init(jsonData data: Data, file: String) throws(ModelError) {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let detail =
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        ?? error.localizedDescription
      throw .invalidJSON(file: file, detail: detail)
    }
    var fields = JSONFields()
    self = SupplyChainModel.parse(root, fields: &fields)
    if fields.problems.isEmpty { validate(fields: &fields) }
    if !fields.problems.isEmpty { throw ModelError.invalid(file: file, all: fields.problems) }
  }

  // MARK: - Structure

  static let topKeys = [
    "format", "version", "name", "parties", "services", "components", "costs", "transmissions",
  ]
  static let partyKeys = ["id", "role", "jurisdiction", "capabilities"]
  static let nodeKeys = [
    "id", "name", "category", "deployment", "provider", "suppliers", "jurisdiction", "dependsOn",
    "anyOf", "capabilities", "exposures", "trustZone", "trustBoundary", "data",
  ]

  static func parse(_ root: Any, fields: inout JSONFields) -> SupplyChainModel {
    var model = SupplyChainModel()
    guard let top = fields.object(root, at: "$") else { return model }
    fields.checkKeys(top, allowed: topKeys, at: "$")
    if let format = fields.string(top, "format", at: "$", required: false), format != formatName {
      fields.fail("$.format", "unknown format \"\(format)\": expected \"\(formatName)\"")
    }
    if let version = fields.number(top, "version", at: "$", required: false),
      version != Double(formatVersion)
    {
      fields.fail(
        "$.version", "unsupported version \(version): this program reads version \(formatVersion)")
    }
    model.name = fields.string(top, "name", at: "$", required: false)

    for (index, value) in fields.array(top, "parties", at: "$").enumerated() {
      let path = "$.parties[\(index)]"
      guard let object = fields.object(value, at: path) else { continue }
      fields.checkKeys(object, allowed: partyKeys, at: path)
      var party = Party(id: fields.string(object, "id", at: path, required: true) ?? "")
      if let role = fields.string(object, "role", at: path, required: false) {
        party.role = PartyRole(name: role)
        if party.role == nil {
          fields.fail(
            "\(path).role", "unknown role \"\(role)\": use customer, provider or partner")
        }
      }
      party.jurisdiction = fields.string(object, "jurisdiction", at: path, required: false)
      party.capabilities = fields.strings(object, "capabilities", at: path)
      model.parties.append(party)
    }
    for section in ["services", "components"] {
      for (index, value) in fields.array(top, section, at: "$").enumerated() {
        let path = "$.\(section)[\(index)]"
        guard let object = fields.object(value, at: path) else { continue }
        let node = parseNode(object, at: path, isService: section == "services", fields: &fields)
        if section == "services" {
          model.services.append(node)
        } else {
          model.components.append(node)
        }
      }
    }
    for (index, value) in fields.array(top, "costs", at: "$").enumerated() {
      let path = "$.costs[\(index)]"
      guard let object = fields.object(value, at: path) else { continue }
      fields.checkKeys(object, allowed: ["node", "capability", "cost"], at: path)
      model.costs.append(
        Cost(
          node: fields.string(object, "node", at: path, required: true) ?? "",
          capability: fields.string(object, "capability", at: path, required: true) ?? "",
          cost: fields.number(object, "cost", at: path, required: true) ?? 0))
    }
    for (index, value) in fields.array(top, "transmissions", at: "$").enumerated() {
      let path = "$.transmissions[\(index)]"
      guard let object = fields.object(value, at: path) else { continue }
      fields.checkKeys(object, allowed: ["upstream", "downstream", "probability"], at: path)
      model.transmissions.append(
        Transmission(
          upstream: fields.string(object, "upstream", at: path, required: true) ?? "",
          downstream: fields.string(object, "downstream", at: path, required: true) ?? "",
          probability: fields.number(object, "probability", at: path, required: true) ?? 1))
    }
    return model
  }

  static func parseNode(
    _ object: [String: Any], at path: String, isService: Bool, fields: inout JSONFields
  ) -> Node {
    fields.checkKeys(object, allowed: nodeKeys, at: path)
    var node = Node(id: fields.string(object, "id", at: path, required: true) ?? "")
    node.name = fields.string(object, "name", at: path, required: false)
    if let category = fields.string(object, "category", at: path, required: false) {
      node.category = ServiceCategory(name: category)
      if node.category == nil {
        let names = ServiceCategory.allCases.map(\.name).joined(separator: ", ")
        fields.fail("\(path).category", "unknown category \"\(category)\": use one of \(names)")
      } else if !isService {
        fields.fail("\(path).category", "a component has no service category: remove the field")
      }
    }
    if let deployment = fields.string(object, "deployment", at: path, required: false) {
      node.deployment = DeploymentModel(name: deployment)
      if node.deployment == nil {
        let names = DeploymentModel.allCases.map(\.name).joined(separator: ", ")
        fields.fail(
          "\(path).deployment", "unknown deployment model \"\(deployment)\": use one of \(names)")
      } else if !isService {
        fields.fail(
          "\(path).deployment", "a component has no deployment model: remove the field")
      }
    }
    node.provider = fields.string(object, "provider", at: path, required: false)
    if node.provider != nil && !isService {
      fields.fail(
        "\(path).provider",
        "a component has no provider: name its supplying party under \"suppliers\"")
    }
    node.suppliers = fields.strings(object, "suppliers", at: path)
    node.jurisdiction = fields.string(object, "jurisdiction", at: path, required: false)
    node.dependsOn = fields.strings(object, "dependsOn", at: path)
    for (index, group) in fields.array(object, "anyOf", at: path).enumerated() {
      let groupPath = "\(path).anyOf[\(index)]"
      guard let members = group as? [Any] else {
        fields.fail(groupPath, "expected an array of node ids, found \(JSONFields.describe(group))")
        continue
      }
      var ids: [String] = []
      for (position, member) in members.enumerated() {
        guard let id = member as? String else {
          fields.fail(
            "\(groupPath)[\(position)]", "expected a string, found \(JSONFields.describe(member))")
          continue
        }
        ids.append(id)
      }
      node.anyOf.append(ids)
    }
    node.capabilities = fields.strings(object, "capabilities", at: path)
    node.exposures = fields.strings(object, "exposures", at: path)
    node.trustZone = fields.string(object, "trustZone", at: path, required: false)
    node.trustBoundary = fields.boolean(object, "trustBoundary", at: path)
    node.data = fields.strings(object, "data", at: path)
    return node
  }

  // MARK: - References

  /// Which section declares an id.
  enum Section {
    case party, service, component
  }

  /// The section of every id.
  var sectionsByID: [String: Section] {
    var result: [String: Section] = [:]
    for party in parties { result[party.id] = result[party.id] ?? .party }
    for service in services { result[service.id] = result[service.id] ?? .service }
    for component in components { result[component.id] = result[component.id] ?? .component }
    return result
  }

  func validate(fields: inout JSONFields) {
    let sections = sectionsByID
    var seen: [String: String] = [:]

    func checkID(_ id: String, at path: String) {
      if id.isEmpty {
        fields.fail("\(path).id", "empty id: give every node a non-empty id")
      } else if id.hasPrefix(SupplyChainModel.clauseNodePrefix) {
        fields.fail(
          "\(path).id",
          "id \"\(id)\" starts with \"\(SupplyChainModel.clauseNodePrefix)\", which names "
            + "clause nodes: rename it")
      } else if let first = seen[id] {
        fields.fail("\(path).id", "duplicate id \"\(id)\", first declared at \(first): rename one")
      } else {
        seen[id] = path
      }
    }

    func checkCapabilities(_ clauses: [String], at path: String) {
      for (index, clause) in clauses.enumerated()
      where SupplyChainItems.capabilityIndex(clause: clause) == nil {
        fields.fail(
          "\(path).capabilities[\(index)]",
          "unknown capability \"\(clause)\": use a clause number from 9.1 to 9.14")
      }
    }

    func checkParty(_ id: String, at path: String) {
      switch sections[id] {
      case .party: break
      case nil:
        fields.fail(path, "unknown party \"\(id)\": declare it under parties")
      case .some:
        fields.fail(path, "\"\(id)\" is a service or component, not a party: name a party")
      }
    }

    func checkDependency(_ id: String, of owner: String, at path: String) {
      switch sections[id] {
      case .service, .component:
        if id == owner {
          fields.fail(path, "\"\(id)\" depends on itself: remove the self-dependency")
        }
      case nil:
        fields.fail(path, "unknown node \"\(id)\": declare it under services or components")
      case .party:
        fields.fail(
          path,
          "\"\(id)\" is a party: a node depends on services or components; name the party "
            + "under \"provider\" or \"suppliers\"")
      }
    }

    for (index, party) in parties.enumerated() {
      let path = "$.parties[\(index)]"
      checkID(party.id, at: path)
      checkCapabilities(party.capabilities, at: path)
    }
    for (section, nodes) in [("services", services), ("components", components)] {
      for (index, node) in nodes.enumerated() {
        let path = "$.\(section)[\(index)]"
        checkID(node.id, at: path)
        checkCapabilities(node.capabilities, at: path)
        if let provider = node.provider { checkParty(provider, at: "\(path).provider") }
        for (position, supplier) in node.suppliers.enumerated() {
          checkParty(supplier, at: "\(path).suppliers[\(position)]")
        }
        for (position, dependency) in node.dependsOn.enumerated() {
          checkDependency(dependency, of: node.id, at: "\(path).dependsOn[\(position)]")
        }
        for (groupIndex, group) in node.anyOf.enumerated() {
          if group.isEmpty {
            fields.fail(
              "\(path).anyOf[\(groupIndex)]", "empty group: list at least one alternative")
          }
          for (position, member) in group.enumerated() {
            checkDependency(member, of: node.id, at: "\(path).anyOf[\(groupIndex)][\(position)]")
          }
        }
        for (position, clause) in node.exposures.enumerated()
        where SupplyChainItems.itemIndex(clause: clause) == nil {
          fields.fail(
            "\(path).exposures[\(position)]",
            "unknown threat or challenge \"\(clause)\": use a clause number of clause 7 or 8, "
              + "such as 7.1.1 or 8.2.10")
        }
      }
    }
    for (index, cost) in costs.enumerated() {
      let path = "$.costs[\(index)]"
      if sections[cost.node] == nil {
        fields.fail("\(path).node", "unknown node \"\(cost.node)\": declare it first")
      }
      if SupplyChainItems.capabilityIndex(clause: cost.capability) == nil {
        fields.fail(
          "\(path).capability",
          "unknown capability \"\(cost.capability)\": use a clause number from 9.1 to 9.14")
      }
      if !cost.cost.isFinite || cost.cost < 0 {
        fields.fail("\(path).cost", "invalid cost \(cost.cost): use a finite number of at least 0")
      }
    }
    let links = transmissions.isEmpty ? [] : linkSet
    for (index, transmission) in transmissions.enumerated() {
      let path = "$.transmissions[\(index)]"
      var known = true
      for (key, id) in [
        ("upstream", transmission.upstream), ("downstream", transmission.downstream),
      ]
      where sections[id] == nil {
        fields.fail("\(path).\(key)", "unknown node \"\(id)\": declare it first")
        known = false
      }
      if known && !links.contains(Pair(transmission.upstream, transmission.downstream)) {
        fields.fail(
          path,
          "no link from \"\(transmission.upstream)\" to \"\(transmission.downstream)\": items "
            + "travel from a dependency to its dependent, or from a provider or supplier to "
            + "what it provides or supplies")
      }
      if !(0...1).contains(transmission.probability) {
        fields.fail(
          "\(path).probability",
          "invalid probability \(transmission.probability): use a number from 0 to 1")
      }
    }
  }

  struct Pair: Hashable {
    var upstream: String
    var downstream: String

    init(_ upstream: String, _ downstream: String) {
      self.upstream = upstream
      self.downstream = downstream
    }
  }

  /// The links items travel, from upstream to downstream.
  var linkSet: Set<Pair> {
    var links = Set<Pair>()
    for node in services + components {
      for dependency in node.dependsOn { links.insert(Pair(dependency, node.id)) }
      for group in node.anyOf {
        for member in group { links.insert(Pair(member, node.id)) }
      }
      if let provider = node.provider { links.insert(Pair(provider, node.id)) }
      for supplier in node.suppliers { links.insert(Pair(supplier, node.id)) }
    }
    return links
  }
}
