import Foundation
import X1601Analysis
import X1601Catalog

/// The JSON form of an assessment (`assess --format json`) and of a selection (`cover`).
struct AssessmentDocument: Encodable {
  struct ItemRow: Encodable {
    var clause: String
    var title: String
    var area: String
    var applicable: Bool
    var notes: String?
  }

  struct Member: Encodable {
    var capability: String
    var title: String
    var reason: String
    var cost: Double
    var covers: [String]
    var notes: String?
  }

  struct Step2: Encodable {
    var method: String
    var mapping: String
    var targets: [String]
    var covered: [String]
    var uncovered: [String]
    var minimumCardinality: Int
    var minimumCardinalityCovers: [[String]]
    var minimumCost: Double
    var minimumCostCover: [Member]
  }

  struct ControlAreaEntry: Encodable {
    var control: String
    var source: String
    var statedBy: String
  }

  struct Step3Entry: Encodable {
    var capability: String
    var title: String
    var controlAreas: [ControlAreaEntry]
    var note: String?
  }

  var service: String?
  var category: String?
  var deployment: String?
  var description: String?
  var step1: [ItemRow]?
  var applicable: [String]?
  var step2: Step2
  var step3: [Step3Entry]?

  static let method =
    "exact: every subset of the capabilities that can help was enumerated (at most 2^14)"

  init(_ assessment: Assessment) {
    let catalog = assessment.catalog
    service = assessment.profile.service
    category = assessment.profile.category.name
    deployment = assessment.profile.deployment.name
    description = assessment.profile.description
    step1 = assessment.step1.map { row in
      let item = catalog.items[row.item]
      return ItemRow(
        clause: item.clause, title: item.title, area: Catalog.area(of: item)?.clause ?? "",
        applicable: row.applicable, notes: row.notes)
    }
    applicable = assessment.profile.applicable.indices.map { catalog.items[$0].clause }
    step2 = Self.step2(assessment.step2, mapping: assessment.mapping, catalog: catalog)
    for index in step2.minimumCostCover.indices {
      guard
        let capability = catalog.capabilityIndex(clause: step2.minimumCostCover[index].capability)
      else { continue }
      step2.minimumCostCover[index].notes = assessment.profile.capabilityNotes[capability]
    }
    step3 = assessment.step3.map { derivation in
      let capability = catalog.capabilities[derivation.capability]
      return Step3Entry(
        capability: capability.clause, title: capability.title,
        controlAreas: derivation.controlAreas.map {
          ControlAreaEntry(
            control: $0.control, source: $0.source, statedBy: "ITU-T X.1601 clause 10")
        },
        note: derivation.controlAreas.isEmpty
          ? "the standard names no control area for this capability" : nil)
    }
  }

  init(selection: CapabilitySelection, mapping: Mapping, catalog: Catalog) {
    step2 = Self.step2(selection, mapping: mapping, catalog: catalog)
  }

  static func step2(
    _ selection: CapabilitySelection, mapping: Mapping, catalog: Catalog
  )
    -> Step2
  {
    func items(_ set: ItemSet) -> [String] { set.indices.map { catalog.items[$0].clause } }
    func capabilities(_ set: CapabilitySet) -> [String] {
      set.indices.map { catalog.capabilities[$0].clause }
    }
    let solution = selection.solution
    return Step2(
      method: method, mapping: mapping.source, targets: items(selection.problem.targets),
      covered: items(solution.covered), uncovered: items(solution.uncoverable),
      minimumCardinality: solution.minimumCardinality,
      minimumCardinalityCovers: solution.minimumCardinalityCovers.map(capabilities),
      minimumCost: solution.minimumCost,
      minimumCostCover: selection.members.map { member in
        Member(
          capability: catalog.capabilities[member.capability].clause,
          title: catalog.capabilities[member.capability].title, reason: member.reason.rawValue,
          cost: member.cost, covers: items(member.covers))
      })
  }

  /// Encodes the document as pretty-printed JSON with sorted keys.
  ///
  /// - Throws: `CLIError.failure` when a number is not finite. Costs are checked to be below
  ///   `CoverProblem.costLimit`, so no sum of them overflows and this is not expected.
  func jsonText() throws(CLIError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      let data = try encoder.encode(self)
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      throw .failure("cannot write the report as JSON: \(error); give smaller costs")
    }
  }
}
