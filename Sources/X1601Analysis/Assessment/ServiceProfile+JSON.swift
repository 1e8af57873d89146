import Foundation
import X1601Catalog
import X1601Graph

extension ServiceProfile {
  /// Reads and validates a profile file.
  ///
  /// - Parameter displayName: the name used in error messages; defaults to `path`.
  /// - Throws: `ProfileError` naming the position, JSON path, value and fix.
  public static func load(
    path: String, displayName: String? = nil, catalog: Catalog = .standard
  ) throws(ProfileError) -> ServiceProfile {
    let name = displayName ?? path
    func unreadable(_ problem: String, _ fix: String) -> ProfileError {
      ProfileError(
        file: name, line: nil, column: nil, path: "", value: "", problem: problem, fix: fix)
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw unreadable(
        "cannot read the profile: \(readFailureReason(path: path))",
        "give the path of a readable JSON profile")
    }
    return try parse(Array(data), file: name, catalog: catalog)
  }

  /// Parses and validates the bytes of a profile; `file` names it in error messages.
  ///
  /// - Complexity: O(*n*) in the size of the text.
  public static func parse(
    _ bytes: [UInt8], file: String, catalog: Catalog = .standard
  ) throws(ProfileError) -> ServiceProfile {
    let root: JSONNode
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw ProfileError(
        file: file, line: error.line, column: error.column, path: "", value: "",
        problem: "invalid JSON: \(error.message)", fix: "correct the JSON syntax at that position")
    }
    let reader = ProfileReader(file: file, catalog: catalog)
    return try reader.read(root)
  }
}

/// Turns the parsed JSON into a `ServiceProfile`, checking every field.
private struct ProfileReader {
  let file: String
  let catalog: Catalog

  static let topFields = [
    "service", "category", "deployment", "description", "items", "capabilities",
  ]
  static let itemFields = ["clause", "applicable", "notes"]
  static let capabilityFields = ["costs", "implemented", "required", "excluded", "notes"]

  func failure(
    _ node: JSONNode?, _ path: String, _ problem: String, _ fix: String, value: String? = nil
  )
    -> ProfileError
  {
    // A null value is named by its type ("found null"), so repeating it as the value would
    // read "found null null".
    var shown = value ?? node?.excerpt ?? ""
    if value == nil, case .null? = node?.value { shown = "" }
    return ProfileError(
      file: file, line: node?.line, column: node?.column, path: path,
      value: shown, problem: problem, fix: fix)
  }

  /// Returns the members of an object by name, rejecting duplicate and unknown names.
  func members(
    _ node: JSONNode, _ path: String, allowed: [String]
  ) throws(ProfileError)
    -> [String: JSONNode]
  {
    guard case .object(let list) = node.value else {
      throw failure(node, path, "expected an object, found \(node.typeName)", "write { ... } here")
    }
    var result: [String: JSONNode] = [:]
    for (key, value) in list {
      let memberPath = Self.child(path, key)
      if result[key] != nil {
        throw failure(
          value, memberPath, "duplicate member", "give \"\(key)\" once", value: "\"\(key)\"")
      }
      if !allowed.isEmpty && !allowed.contains(key) {
        throw failure(
          value, memberPath, "unknown field", "fields here are \(allowed.joined(separator: ", "))",
          value: "\"\(key)\"")
      }
      result[key] = value
    }
    return result
  }

  /// `path.key`, or `path["key"]` when the key is not a plain identifier.
  static func child(_ path: String, _ key: String) -> String {
    let plain =
      !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
      && !(key.first?.isNumber ?? false)
    if plain { return "\(path).\(key)" }
    let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "\"", with: "\\\"")
    return "\(path)[\"\(escaped)\"]"
  }

  func string(_ node: JSONNode, _ path: String) throws(ProfileError) -> String {
    guard case .string(let text) = node.value else {
      throw failure(
        node, path, "expected a string, found \(node.typeName)", "write the value in double quotes")
    }
    // Reports print these strings, so an escape sequence such as \u001b would reach the terminal.
    if let control = text.unicodeScalars.first(where: Self.isForbiddenControl) {
      let code = String(control.value, radix: 16, uppercase: true)
      throw failure(
        node, path,
        "control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)",
        "remove it; a string may contain tab and line feed but no other control character")
    }
    return text
  }

  /// Returns true for C0 control characters other than tab and line feed, DEL and C1 controls.
  static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: false
    case 0x00..<0x20, 0x7F..<0xA0: true
    default: false
    }
  }

  func read(_ root: JSONNode) throws(ProfileError) -> ServiceProfile {
    let top = try members(root, "$", allowed: Self.topFields)

    guard let serviceNode = top["service"] else {
      throw failure(
        root, "$.service", "missing field",
        "give the service's name, e.g. \"service\": \"File storage\"", value: "")
    }
    let service = try string(serviceNode, "$.service").trimmingCharacters(in: .whitespaces)
    if service.isEmpty {
      throw failure(serviceNode, "$.service", "empty service name", "give the service's name")
    }
    // Reports use the name as a title line and a Markdown heading.
    if service.contains(where: \.isNewline) {
      throw failure(
        serviceNode, "$.service", "line break in the service name",
        "write the name on one line and put details in \"description\"")
    }

    guard let categoryNode = top["category"] else {
      throw failure(
        root, "$.category", "missing field", "give one of IaaS, PaaS, SaaS, NaaS, CaaS", value: "")
    }
    let categoryText = try string(categoryNode, "$.category")
    guard let category = ServiceCategory(name: categoryText) else {
      throw failure(
        categoryNode, "$.category", "unknown service category", "use IaaS, PaaS, SaaS, NaaS or CaaS"
      )
    }

    guard let deploymentNode = top["deployment"] else {
      throw failure(
        root, "$.deployment", "missing field", "give one of public, private, community, hybrid",
        value: "")
    }
    let deploymentText = try string(deploymentNode, "$.deployment")
    guard let deployment = DeploymentModel(name: deploymentText.lowercased()) else {
      throw failure(
        deploymentNode, "$.deployment", "unknown deployment model",
        "use public, private, community or hybrid")
    }

    var description: String? = nil
    if let node = top["description"] {
      description = try string(node, "$.description")
    }

    guard let itemsNode = top["items"] else {
      throw failure(
        root, "$.items", "missing field",
        "list the applicable threats and challenges, e.g. \"items\": [{\"clause\": \"7.1.1\"}]",
        value: "")
    }
    let judgements = try readItems(itemsNode)

    var profile = ServiceProfile(
      service: service, category: category, deployment: deployment, description: description,
      judgements: judgements)
    if let capabilitiesNode = top["capabilities"] {
      try readCapabilities(capabilitiesNode, into: &profile)
    }
    return profile
  }

  func readItems(_ node: JSONNode) throws(ProfileError) -> [ServiceProfile.ItemJudgement] {
    guard case .array(let elements) = node.value else {
      throw failure(
        node, "$.items", "expected an array, found \(node.typeName)", "write [ ... ] here")
    }
    var judgements: [ServiceProfile.ItemJudgement] = []
    var pathOfItem: [Int: String] = [:]
    for (position, element) in elements.enumerated() {
      let path = "$.items[\(position)]"
      let clauseNode: JSONNode
      let clausePath: String
      var applicable = true
      var notes: String? = nil

      switch element.value {
      case .string:
        clauseNode = element
        clausePath = path
      case .object:
        let fields = try members(element, path, allowed: Self.itemFields)
        guard let node = fields["clause"] else {
          throw failure(
            element, path + ".clause", "missing field",
            "name the threat or challenge, e.g. \"clause\": \"7.1.1\"", value: "")
        }
        clauseNode = node
        clausePath = path + ".clause"
        if let flag = fields["applicable"] {
          guard case .bool(let value) = flag.value else {
            throw failure(
              flag, path + ".applicable", "expected true or false, found \(flag.typeName)",
              "write true or false without quotes")
          }
          applicable = value
        }
        if let noteNode = fields["notes"] {
          notes = try string(noteNode, path + ".notes")
        }
      default:
        throw failure(
          element, path, "expected an object or a clause string, found \(element.typeName)",
          "write {\"clause\": \"7.1.1\", \"notes\": \"...\"} or \"7.1.1\"")
      }

      let query = try string(clauseNode, clausePath)
      let item: Int
      do {
        item = try catalog.resolve(query, in: .item)
      } catch {
        throw failure(clauseNode, clausePath, problem(for: error), error.fix)
      }
      if let earlier = pathOfItem[item] {
        throw failure(
          clauseNode, clausePath,
          "duplicate item \(catalog.items[item].clause) (first at \(earlier))",
          "list each threat or challenge once")
      }
      pathOfItem[item] = path
      judgements.append(.init(item: item, applicable: applicable, notes: notes))
    }
    return judgements
  }

  func problem(for error: CatalogError) -> String {
    switch error {
    case .notFound(_, let scope): "unknown \(scope.rawValue)"
    case .ambiguous: "ambiguous title"
    case .wrongScope(_, _, let expected): "not a \(expected.rawValue)"
    case .invalidMapping: "invalid mapping"
    }
  }

  func capability(_ node: JSONNode, _ path: String, query: String) throws(ProfileError) -> Int {
    do {
      return try catalog.resolve(query, in: .capability)
    } catch {
      throw failure(node, path, problem(for: error), error.fix, value: "\"\(query)\"")
    }
  }

  func readCapabilities(_ node: JSONNode, into profile: inout ServiceProfile) throws(ProfileError) {
    let fields = try members(node, "$.capabilities", allowed: Self.capabilityFields)

    if let costsNode = fields["costs"] {
      // Rejects a non-object and duplicate names before the costs are read in file order.
      _ = try members(costsNode, "$.capabilities.costs", allowed: [])
      var seen: [Int: String] = [:]
      guard case .object(let list) = costsNode.value else { return }
      for (key, valueNode) in list {
        let path = Self.child("$.capabilities.costs", key)
        let index = try capability(valueNode, path, query: key)
        if let earlier = seen[index] {
          throw failure(
            valueNode, path,
            "duplicate cost for capability \(catalog.capabilities[index].clause) (first at \(earlier))",
            "give each capability's cost once", value: "\"\(key)\"")
        }
        seen[index] = path
        guard case .number(let cost, _) = valueNode.value else {
          throw failure(
            valueNode, path, "expected a number, found \(valueNode.typeName)",
            "give the cost as a plain number such as 2.5")
        }
        if !cost.isFinite {
          throw failure(valueNode, path, "cost is not a finite number", "give a cost below 1e12")
        }
        if cost < 0 {
          throw failure(valueNode, path, "negative cost", "give a cost of 0 or more")
        }
        if !CoverProblem.isValidCost(cost) {
          throw failure(
            valueNode, path, "cost too large",
            "give a cost below 1e12, so that sums of costs stay exact")
        }
        profile.costs[index] = cost
      }
    }

    var listed: [Int: String] = [:]
    var listOf: [Int: String] = [:]
    for list in ["implemented", "required", "excluded"] {
      guard let listNode = fields[list] else { continue }
      let listPath = "$.capabilities.\(list)"
      guard case .array(let elements) = listNode.value else {
        throw failure(
          listNode, listPath, "expected an array of capabilities, found \(listNode.typeName)",
          "write [\"9.1\", ...] here")
      }
      for (position, element) in elements.enumerated() {
        let path = "\(listPath)[\(position)]"
        let index = try capability(element, path, query: try string(element, path))
        let clause = catalog.capabilities[index].clause
        if let earlierList = listOf[index], let earlier = listed[index] {
          if earlierList == list {
            throw failure(
              element, path, "duplicate capability \(clause) (first at \(earlier))",
              "list each capability once")
          }
          // An implemented capability may also be listed as required; it is in place either way.
          let isCompatible = earlierList == "implemented" && list == "required"
          if !isCompatible {
            throw failure(
              element, path,
              "capability \(clause) is both \(earlierList) (at \(earlier)) and \(list)",
              "remove it from one of the two lists")
          }
        }
        listed[index] = path
        listOf[index] = list
        switch list {
        case "implemented": profile.implemented.insert(index)
        case "required": profile.required.insert(index)
        default: profile.excluded.insert(index)
        }
      }
    }

    if let notesNode = fields["notes"] {
      _ = try members(notesNode, "$.capabilities.notes", allowed: [])
      guard case .object(let list) = notesNode.value else { return }
      for (key, valueNode) in list {
        let path = Self.child("$.capabilities.notes", key)
        let index = try capability(valueNode, path, query: key)
        profile.capabilityNotes[index] = try string(valueNode, path)
      }
    }
  }
}
