import X1601Analysis
import X1601Graph

extension DebianPackagesImporter {
  /// A package name inside the buffer.
  struct NameRange {
    var start: Int
    var length: Int
  }

  /// Parses a relation field such as `a (>= 1.2) | b:any, c [amd64] <!nocheck>` into clauses of
  /// alternative names, warning about constraints and qualifiers that do not parse.
  static func parseRelations(
    _ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int, package: String,
    warnings: inout WarningLog
  ) -> [[NameRange]] {
    var clauses: [[NameRange]] = []
    var alternatives: [NameRange] = []
    var index = range.lowerBound
    let end = range.upperBound

    func skipSpaces() {
      while index < end && isSpace(b[index]) { index += 1 }
    }
    func text(_ lower: Int, _ upper: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: b[lower..<min(upper, end)]), as: UTF8.self)
    }
    /// Moves to the next `,` or `|`.
    func skipToSeparator() {
      while index < end && b[index] != UInt8(ascii: ",") && b[index] != UInt8(ascii: "|") {
        index += 1
      }
    }

    while true {
      skipSpaces()
      let nameStart = index
      while index < end && !isNameDelimiter(b[index]) { index += 1 }
      let name = NameRange(start: nameStart, length: index - nameStart)
      let nameEnd = index
      var nameText: String { text(nameStart, nameEnd) }
      skipSpaces()
      var hadText = name.length > 0

      if index < end && b[index] == UInt8(ascii: ":") {
        // Architecture qualifier such as `:any` or `:native`.
        index += 1
        while index < end && !isNameDelimiter(b[index]) { index += 1 }
        skipSpaces()
        hadText = true
      }
      if index < end && b[index] == UInt8(ascii: "(") {
        hadText = true
        let open = index
        var close = index
        while close < end && b[close] != UInt8(ascii: ")") && b[close] != UInt8(ascii: ",")
          && b[close] != UInt8(ascii: "|")
        {
          close += 1
        }
        if close < end && b[close] == UInt8(ascii: ")") {
          if !isValidConstraint(b, (open + 1)..<close) {
            warnings.add(
              "line \(line)",
              "package \"\(package)\": version constraint \"\(text(open, close + 1))\" does not "
                + "parse: write (OP VERSION) with OP one of <<, <=, =, >=, >>; the relation on "
                + "\"\(nameText)\" is kept without it")
          }
          index = close + 1
        } else {
          warnings.add(
            "line \(line)",
            "package \"\(package)\": version constraint \"\(text(open, close))\" has no closing "
              + "parenthesis: the relation on \"\(nameText)\" is kept without it")
          index = close
        }
        skipSpaces()
      }
      while index < end && (b[index] == UInt8(ascii: "[") || b[index] == UInt8(ascii: "<")) {
        // Architecture restrictions `[amd64 !i386]` and build profiles `<!nocheck>`.
        let closing = b[index] == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ">")
        let open = index
        while index < end && b[index] != closing { index += 1 }
        if index == end {
          warnings.add(
            "line \(line)",
            "package \"\(package)\": \"\(text(open, end))\" is not closed: it is ignored")
        } else {
          index += 1
        }
        skipSpaces()
      }
      if index < end && b[index] != UInt8(ascii: ",") && b[index] != UInt8(ascii: "|") {
        let start = index
        skipToSeparator()
        warnings.add(
          "line \(line)",
          "package \"\(package)\": unexpected text \"\(text(start, index))\" after \"\(nameText)\": "
            + "it is ignored")
        hadText = true
      }
      if name.length > 0 {
        alternatives.append(name)
      } else if hadText {
        warnings.add(
          "line \(line)", "package \"\(package)\": a relation has no package name: it is ignored")
      }

      if index >= end {
        if !alternatives.isEmpty { clauses.append(alternatives) }
        return clauses
      }
      if b[index] == UInt8(ascii: ",") {
        if !alternatives.isEmpty { clauses.append(alternatives) }
        alternatives.removeAll(keepingCapacity: true)
      }
      index += 1
    }
  }

  @inline(__always)
  static func isNameDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "("),
      UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "<"), UInt8(ascii: ","),
      UInt8(ascii: "|"):
      return true
    default:
      return false
    }
  }

  /// Whether `range`, the text between the parentheses, is `OP VERSION`.
  static func isValidConstraint(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    let end = range.upperBound
    while index < end && isSpace(b[index]) { index += 1 }
    let lt = UInt8(ascii: "<")
    let gt = UInt8(ascii: ">")
    let eq = UInt8(ascii: "=")
    guard index < end else { return false }
    let first = b[index]
    if first == eq {
      index += 1
    } else if first == lt || first == gt {
      index += 1
      if index < end && (b[index] == first || b[index] == eq) { index += 1 }
    } else {
      return false
    }
    while index < end && isSpace(b[index]) { index += 1 }
    let versionStart = index
    while index < end && !isSpace(b[index]) {
      let byte = b[index]
      let valid =
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "~")
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
      guard valid else { return false }
      index += 1
    }
    guard index > versionStart else { return false }
    // A version starts with a digit, after an optional epoch.
    guard b[versionStart] >= UInt8(ascii: "0") && b[versionStart] <= UInt8(ascii: "9") else {
      return false
    }
    while index < end && isSpace(b[index]) { index += 1 }
    return index == end
  }

  // MARK: - Model

  /// Resolves the relations of every package to package numbers.
  static func resolve(
    _ b: UnsafeBufferPointer<UInt8>, _ stanzas: [DebianStanza],
    alternatives mode: DebianAlternatives, warnings: inout WarningLog
  ) -> DebianIndex {
    // Packages, merging repeated stanzas of one name.
    var packages = ByteNameTable(capacity: stanzas.count)
    var owner = [Int](repeating: 0, count: stanzas.count)
    var firstLine: [Int] = []
    for (index, stanza) in stanzas.enumerated() {
      guard let name = stanza.package else { continue }
      let (package, inserted) = packages.insert(b, start: name.lowerBound, length: name.count)
      owner[index] = package
      if inserted {
        firstLine.append(stanza.line)
      } else {
        warnings.add(
          "line \(stanza.line)",
          "package \"\(string(b, name))\" appears again (first at line \(firstLine[package])): "
            + "the relations of both stanzas are merged")
      }
    }
    let names = (0..<packages.count).map { index in
      string(b, packages.starts[index]..<(packages.starts[index] + packages.lengths[index]))
    }

    // Virtual packages and their providers.
    var virtuals = ByteNameTable(capacity: 1024)
    var providers: [[Int32]] = []
    for (index, stanza) in stanzas.enumerated() {
      for value in stanza.provides {
        var cursor = value.lowerBound
        while cursor < value.upperBound {
          while cursor < value.upperBound
            && (isSpace(b[cursor]) || b[cursor] == UInt8(ascii: ","))
          {
            cursor += 1
          }
          let start = cursor
          while cursor < value.upperBound && !isNameDelimiter(b[cursor]) { cursor += 1 }
          if cursor > start {
            let (virtual, inserted) = virtuals.insert(b, start: start, length: cursor - start)
            if inserted { providers.append([]) }
            let package = Int32(owner[index])
            if providers[virtual].last != package { providers[virtual].append(package) }
          }
          while cursor < value.upperBound && b[cursor] != UInt8(ascii: ",") { cursor += 1 }
        }
      }
    }

    // Relations.
    var dependsOn = [[Int32]](repeating: [], count: packages.count)
    var groups = [[[Int32]]](repeating: [], count: packages.count)
    var stamp = [Int32](repeating: -1, count: packages.count)
    var unresolved = 0
    var satisfiers: [Int32] = []
    for (index, stanza) in stanzas.enumerated() {
      let package = owner[index]
      for relation in stanza.relations {
        let clauses = parseRelations(
          b, relation.range, line: relation.line, package: names[package], warnings: &warnings)
        for clause in clauses {
          var perAlternative: [[Int32]] = []
          for name in clause {
            satisfiers.removeAll(keepingCapacity: true)
            let real = packages.find(b, start: name.start, length: name.length)
            if let real { satisfiers.append(Int32(real)) }
            if let virtual = virtuals.find(b, start: name.start, length: name.length) {
              for provider in providers[virtual] where !satisfiers.contains(provider) {
                satisfiers.append(provider)
              }
            }
            satisfiers.removeAll { $0 == Int32(package) }
            if satisfiers.isEmpty && real == nil { unresolved += 1 }
            perAlternative.append(satisfiers)
          }
          var chosen: [Int32] = []
          switch mode {
          case .any:
            for list in perAlternative { chosen.append(contentsOf: list) }
          case .first:
            chosen = perAlternative.first { !$0.isEmpty } ?? []
          case .all:
            var members: [Int32] = []
            for list in perAlternative {
              for member in list where !members.contains(member) { members.append(member) }
            }
            if members.count > 1 {
              if !groups[package].contains(members) { groups[package].append(members) }
              continue
            }
            chosen = members
          }
          for dependency in chosen where stamp[Int(dependency)] != Int32(package) {
            stamp[Int(dependency)] = Int32(package)
            dependsOn[package].append(dependency)
          }
        }
      }
    }
    if unresolved > 0 {
      warnings.add(
        "index",
        "\(unresolved) relations name packages that neither exist in the index nor are "
          + "provided by a package of it: they are left out")
    }

    // Maintainers as supplying parties.
    var partyIndex: [String: Int] = [:]
    var parties: [String] = []
    var supplier = [Int](repeating: -1, count: packages.count)
    let packageNames = Set(names)
    for (index, stanza) in stanzas.enumerated() {
      let package = owner[index]
      guard supplier[package] < 0, let maintainer = stanza.maintainer else { continue }
      var end = maintainer.lowerBound
      while end < maintainer.upperBound && b[end] != UInt8(ascii: "<") { end += 1 }
      let display = string(b, trim(b, maintainer.lowerBound..<end))
      guard !display.isEmpty else { continue }
      if let known = partyIndex[display] {
        supplier[package] = known
        continue
      }
      var id = display
      if packageNames.contains(id) { id += " (maintainer)" }
      partyIndex[display] = parties.count
      supplier[package] = parties.count
      parties.append(id)
    }
    return DebianIndex(
      names: names, parties: parties, supplier: supplier, dependsOn: dependsOn, groups: groups)
  }

  static func string(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
  }
}

/// A parsed index with its relations resolved to package numbers.
struct DebianIndex {
  /// Package names, by package number.
  var names: [String]
  /// Party ids of the maintainers.
  var parties: [String]
  /// For each package, the number of its maintainer's party, or -1.
  var supplier: [Int]
  /// For each package, the packages it depends on.
  var dependsOn: [[Int32]]
  /// For each package, its any-of groups.
  var groups: [[[Int32]]]

  /// The index as a model.
  var model: SupplyChainModel {
    var components: [SupplyChainModel.Node] = []
    components.reserveCapacity(names.count)
    for package in names.indices {
      var node = SupplyChainModel.Node(id: names[package])
      if supplier[package] >= 0 { node.suppliers = [parties[supplier[package]]] }
      node.dependsOn = dependsOn[package].map { names[Int($0)] }
      node.anyOf = groups[package].map { group in group.map { names[Int($0)] } }
      components.append(node)
    }
    return SupplyChainModel(
      parties: parties.map { SupplyChainModel.Party(id: $0, role: .partner) },
      components: components)
  }

  /// Builds the same graph as `model.makeSupplyChain()`, without going through node names.
  func makeSupplyChain(file: String) throws(ModelError) -> SupplyChain {
    let edgeEstimate = dependsOn.reduce(names.count) { $0 + $1.count }
    var builder = GraphBuilder(
      expectedNodes: parties.count + names.count, expectedEdges: edgeEstimate)
    for party in parties {
      builder.addNode(party, kind: .party, attributes: NodeAttributes(role: .partner))
    }
    let first = NodeID(parties.count)
    for name in names { builder.addNode(name, kind: .component) }
    var groupNodes: [NodeID] = []
    for package in names.indices {
      let id = first + NodeID(package)
      if supplier[package] >= 0 {
        builder.addEdge(from: id, to: NodeID(supplier[package]), kind: .suppliedBy)
      }
      for dependency in dependsOn[package] {
        builder.addEdge(from: id, to: first + NodeID(dependency), kind: .dependsOn)
      }
      for (index, group) in groups[package].enumerated() {
        let node = builder.addNode("\(names[package]) | any of \(index + 1)", kind: .component)
        groupNodes.append(node)
        builder.addEdge(from: id, to: node, kind: .dependsOn)
        for member in group {
          builder.addEdge(from: node, to: first + NodeID(member), kind: .dependsOn)
        }
      }
    }
    let graph: Graph
    do {
      graph = try builder.build()
    } catch {
      let problems = error.problems.map { ModelProblem(location: "$", message: $0.description) }
      throw ModelError.invalid(file: file, all: problems)
    }
    var isGroup = [Bool](repeating: false, count: graph.nodeCount)
    for node in groupNodes { isGroup[Int(node)] = true }
    return SupplyChain(graph: graph, isAnyOfGroup: isGroup)
  }
}
