import X1601Analysis
import X1601Catalog

/// Renders assessments and selections as text, Markdown and CSV.
struct AssessmentReport {
  let catalog: Catalog
  let markdown: Bool

  /// A cost without a needless ".0".
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return String(value)
  }

  private func heading(_ title: String) -> String {
    markdown ? "## \(title)\n\n" : "\(title)\n\n"
  }

  private func render(_ table: TextTable) -> String {
    markdown ? table.markdown() : table.plainText()
  }

  private func clauses(_ set: ItemSet) -> String {
    set.indices.map { catalog.items[$0].clause }.joined(separator: ", ")
  }

  private func clauses(_ set: CapabilitySet) -> String {
    set.indices.map { catalog.capabilities[$0].clause }.joined(separator: ", ")
  }

  // MARK: - Text and Markdown

  func assessment(_ assessment: Assessment) -> String {
    let profile = assessment.profile
    var text =
      markdown
      ? "# Security framework analysis: \(profile.service)\n\n"
      : "Security framework analysis: \(profile.service)\n\n"
    text += "Category \(profile.category.name), \(profile.deployment.name) deployment. "
    text += "Method: clause 10 of ITU-T X.1601; mapping: \(assessment.mapping.source).\n\n"
    text += step1(assessment)
    text +=
      "\n"
      + step2(
        assessment.step2, mapping: assessment.mapping,
        title: "Step 2: capabilities that address them (clause 9)")
    text += "\n" + step3(assessment)
    return text
  }

  func step1(_ assessment: Assessment) -> String {
    // Markdown tables wrap in a viewer, so they also carry the notes; plain text stays narrow.
    var table = TextTable(
      header: ["Area of analysis", "Specific threat or challenge", "Applicable"]
        + (markdown ? ["Notes"] : []))
    var previousArea = ""
    for row in assessment.step1 {
      let item = catalog.items[row.item]
      let area = Catalog.area(of: item)
      var areaCell = ""
      if let area, area.clause != previousArea {
        areaCell = "Clause \(area.clause) \(area.title)"
        previousArea = area.clause
      }
      var cells = [areaCell, "Clause \(item.clause) \(item.title)", row.applicable ? "Y" : ""]
      if markdown { cells.append(row.notes ?? "") }
      table.rows.append(cells)
    }
    let count = assessment.profile.applicable.count
    return heading("Step 1: security threats and challenges (clauses 7 and 8)") + render(table)
      + "\n\(count) of \(catalog.items.count) threats and challenges apply.\n"
  }

  func step2(_ selection: CapabilitySelection, mapping: Mapping, title: String) -> String {
    let solution = selection.solution
    var text = heading(title)
    if selection.problem.targets.isEmpty {
      return text + "No threat or challenge to cover.\n"
    }
    if !solution.uncoverable.isEmpty {
      let pronoun = solution.uncoverable.count == 1 ? "it" : "them"
      text +=
        "Not covered: \(clauses(solution.uncoverable)) (no allowed capability addresses "
        + "\(pronoun)).\n"
      if solution.covered.isEmpty && selection.problem.forced.isEmpty {
        return text + "No other item remains, so no capability is chosen.\n"
      }
      text += "The covers below address the other items.\n\n"
    }
    let forced = selection.problem.forced
    if !forced.isEmpty {
      text +=
        "Every cover contains the implemented or required capabilities \(clauses(forced)).\n\n"
    }
    let covers = solution.minimumCardinalityCovers
    text +=
      "Minimum number of capabilities: \(solution.minimumCardinality), reached by "
      + "\(covers.count) cover\(covers.count == 1 ? "" : "s"):\n"
    for (number, cover) in covers.enumerated() {
      text +=
        "  \(number + 1). \(clauses(cover))  (cost "
        + "\(Self.number(selection.problem.cost(of: cover))))\n"
    }

    text +=
      "\nMinimum-cost cover: cost \(Self.number(solution.minimumCost)), "
      + "\(selection.members.count) capabilit\(selection.members.count == 1 ? "y" : "ies"):\n\n"
    var table = TextTable(header: ["Capability", "Reason", "Cost", "Covers"])
    for member in selection.members {
      let capability = catalog.capabilities[member.capability]
      table.rows.append([
        "\(capability.clause) \(capability.title)", member.reason.rawValue,
        Self.number(member.cost), member.covers.isEmpty ? "-" : clauses(member.covers),
      ])
    }
    text += render(table)
    text +=
      "\nBoth results are exact: every subset of the capabilities that can help was checked.\n"
    text += provenanceNote(selection, mapping: mapping)
    return text
  }

  /// Counts the mapping cells behind the minimum-cost cover by provenance, because only part of
  /// Table I.1 is published.
  private func provenanceNote(_ selection: CapabilitySelection, mapping: Mapping) -> String {
    var counts: [MappingProvenance: Int] = [:]
    for member in selection.members {
      for item in member.covers.indices {
        counts[mapping.rows[item].provenance, default: 0] += 1
      }
    }
    let parts = MappingProvenance.allCases.compactMap { provenance in
      counts[provenance].map { "\($0) \(provenance.rawValue)" }
    }
    guard !parts.isEmpty, counts.keys.contains(where: { $0 != .supplied }) else { return "" }
    let total = counts.values.reduce(0, +)
    return
      "The minimum-cost cover uses \(total) \(total == 1 ? "cell" : "cells") of \(mapping.source): "
      + "\(parts.joined(separator: ", ")) (see 'x1601 catalog --mapping').\n"
  }

  func step3(_ assessment: Assessment) -> String {
    var text = heading("Step 3: control areas derived from the capabilities")
    var table = TextTable(header: ["Capability", "Control area"])
    for derivation in assessment.step3 {
      let capability = catalog.capabilities[derivation.capability]
      let cell =
        derivation.controlAreas.isEmpty
        ? "none given by the standard"
        : derivation.controlAreas.map { "\($0.control) (\($0.source))" }.joined(
          separator: "; ")
      table.rows.append(["\(capability.clause) \(capability.title)", cell])
    }
    text += render(table)
    text +=
      "\nClause 10 of ITU-T X.1601 derives controls only from 9.9 and 9.10; for the other "
      + "capabilities, choose controls from a catalogue such as ISO/IEC 27002.\n"
    return text
  }

  // MARK: - CSV

  /// Returns `text` with a leading `'` when it starts with `=`, `+`, `-`, `@`, tab or CR, so
  /// that a spreadsheet opening the CSV shows a profile note as text instead of running it as
  /// a formula.
  static func spreadsheetText(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first)
    else { return text }
    return "'" + text
  }

  /// One table: `step,kind,clause,title,value,cost,details`.
  func csv(_ assessment: Assessment?, selection: CapabilitySelection) -> String {
    var table = TextTable(header: ["step", "kind", "clause", "title", "value", "cost", "details"])
    if let assessment {
      for row in assessment.step1 {
        let item = catalog.items[row.item]
        table.rows.append([
          "1", "item", item.clause, item.title, row.applicable ? "Y" : "", "",
          Self.spreadsheetText(row.notes ?? ""),
        ])
      }
    }
    let solution = selection.solution
    for item in solution.uncoverable.indices {
      table.rows.append([
        "2", "uncovered", catalog.items[item].clause, catalog.items[item].title, "", "",
        "no allowed capability addresses it",
      ])
    }
    for (number, cover) in solution.minimumCardinalityCovers.enumerated() {
      table.rows.append([
        "2", "minimum-cardinality-cover", String(number + 1), "",
        cover.indices.map { catalog.capabilities[$0].clause }.joined(separator: " "),
        Self.number(selection.problem.cost(of: cover)), "",
      ])
    }
    for member in selection.members {
      let capability = catalog.capabilities[member.capability]
      table.rows.append([
        "2", "minimum-cost-cover", capability.clause, capability.title, member.reason.rawValue,
        Self.number(member.cost),
        member.covers.indices.map { catalog.items[$0].clause }.joined(separator: " "),
      ])
    }
    if let assessment {
      for derivation in assessment.step3 {
        let capability = catalog.capabilities[derivation.capability]
        if derivation.controlAreas.isEmpty {
          table.rows.append([
            "3", "control-area", capability.clause, capability.title, "", "",
            "none given by the standard",
          ])
        }
        for area in derivation.controlAreas {
          table.rows.append([
            "3", "control-area", capability.clause, capability.title, area.control, "",
            "\(area.source), as clause 10 of ITU-T X.1601 states",
          ])
        }
      }
    }
    return table.csv()
  }
}
