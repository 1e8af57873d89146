import Testing
import X1601Analysis
import X1601Catalog

@Suite("File storage example of clause 10")
struct AssessmentFileStorageTests {
  /// Table 1 of clause 10: the rows marked Y.
  static let tableOneApplicable: Set<String> = [
    "7.1.1", "7.1.2", "7.2.1", "7.2.2", "8.1.1", "8.1.2", "8.1.3", "8.1.4", "8.1.5", "8.1.6",
    "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.6", "8.2.7", "8.2.9",
  ]

  static let assessment: Assessment? = {
    guard let profile = try? ServiceProfile.load(path: AssessmentFiles.fileStorage.path) else {
      return nil
    }
    return Assessment(profile: profile)
  }()

  @Test("Table 1 row", arguments: Catalog.standard.items.map(\.clause))
  func tableOneRow(clause: String) throws {
    let assessment = try #require(Self.assessment, "file-storage.json loads")
    let index = try #require(Catalog.standard.itemIndex(clause: clause))
    let row = assessment.step1[index]
    #expect(row.item == index)
    #expect(row.applicable == Self.tableOneApplicable.contains(clause))
  }

  @Test("17 applicable, 9 not")
  func counts() throws {
    let assessment = try #require(Self.assessment)
    #expect(assessment.profile.applicable.count == 17)
    #expect(assessment.step1.filter { !$0.applicable }.count == 9)
  }

  @Test("step 3 names only 9.9 and 9.10 controls")
  func stepThree() throws {
    let assessment = try #require(Self.assessment)
    for derivation in assessment.step3 {
      let clause = Catalog.standard.capabilities[derivation.capability].clause
      switch clause {
      case "9.9":
        #expect(derivation.controlAreas.map(\.control) == ["Operations security"])
        #expect(derivation.controlAreas.map(\.source) == ["ISO/IEC 27002 clause 12"])
      case "9.10":
        #expect(
          derivation.controlAreas.map(\.control) == ["Information security incident management"])
        #expect(derivation.controlAreas.map(\.source) == ["ISO/IEC 27002 clause 16"])
      default:
        #expect(derivation.controlAreas.isEmpty, "capability \(clause)")
      }
    }
    #expect(assessment.step3.count == assessment.step2.solution.minimumCostCover.count)
  }

  @Test("chosen capabilities cover every applicable item")
  func membersCover() throws {
    let assessment = try #require(Self.assessment)
    var union = ItemSet.empty
    for member in assessment.step2.members {
      union.rawValue |= member.covers.rawValue
      #expect(member.reason == .chosen)
      #expect(member.cost == 1)
    }
    #expect(union == assessment.profile.applicable)
  }
}
