import Testing
import X1601Analysis
import X1601Catalog
import X1601TestSupport

extension SplitMix64 {
  /// A number in 0..<bound.
  fileprivate mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  /// A set of `width` bits, each set with probability `percent` / 100.
  fileprivate mutating func bits(_ width: Int, percent: Int) -> UInt32 {
    var result: UInt32 = 0
    for bit in 0..<width where below(100) < percent {
      result |= 1 << UInt32(bit)
    }
    return result
  }
}

/// The optimum found by checking every one of the 2^14 capability subsets.
struct BruteForceOptimum {
  var uncoverable: ItemSet
  var minimumCardinalityCovers: Set<UInt16>
  var minimumCost: Double

  init(_ problem: CoverProblem) {
    let count = Catalog.capabilityCount
    var reachable: UInt32 = 0
    for capability in 0..<count where !problem.forbidden.contains(capability) {
      reachable |= problem.addresses[capability].rawValue
    }
    let needed = problem.targets.rawValue & reachable
    uncoverable = ItemSet(rawValue: problem.targets.rawValue & ~reachable)

    var bestSize = Int.max
    var covers: Set<UInt16> = []
    var bestCost = Double.infinity
    for mask in 0..<(1 << count) {
      let set = CapabilitySet(rawValue: UInt16(mask))
      if set.rawValue & problem.forced.rawValue != problem.forced.rawValue { continue }
      if set.rawValue & problem.forbidden.rawValue != 0 { continue }
      var union: UInt32 = 0
      var cost = 0.0
      for capability in 0..<count where set.contains(capability) {
        union |= problem.addresses[capability].rawValue
        cost += problem.costs[capability]
      }
      if union & needed != needed { continue }
      if set.count < bestSize {
        bestSize = set.count
        covers = [set.rawValue]
      } else if set.count == bestSize {
        covers.insert(set.rawValue)
      }
      bestCost = min(bestCost, cost)
    }
    minimumCardinalityCovers = covers
    minimumCost = bestCost
  }
}

/// Checks the solver's answer to `problem` against brute force.
func expectMatchesBruteForce(_ problem: CoverProblem, _ label: String) {
  let solution = CoverSolver.solve(problem)
  let expected = BruteForceOptimum(problem)

  #expect(solution.uncoverable == expected.uncoverable, "\(label): uncoverable items")
  #expect(
    solution.covered.rawValue == problem.targets.rawValue & ~expected.uncoverable.rawValue,
    "\(label): covered items")
  #expect(
    Set(solution.minimumCardinalityCovers.map(\.rawValue)) == expected.minimumCardinalityCovers,
    "\(label): minimum-cardinality covers")
  #expect(
    solution.minimumCardinalityCovers.count == expected.minimumCardinalityCovers.count,
    "\(label): no cover listed twice")

  let cover = solution.minimumCostCover
  #expect(
    problem.coverage(of: cover) == solution.covered, "\(label): minimum-cost cover covers")
  #expect(cover.rawValue & problem.forbidden.rawValue == 0, "\(label): no forbidden capability")
  #expect(
    cover.rawValue & problem.forced.rawValue == problem.forced.rawValue,
    "\(label): forced capabilities present")
  let tolerance = 1e-9 * max(1, expected.minimumCost)
  #expect(abs(solution.minimumCost - expected.minimumCost) <= tolerance, "\(label): minimum cost")
  #expect(solution.minimumCost == problem.cost(of: cover), "\(label): reported cost")
}

@Suite("Exact capability covers")
struct AssessmentCoverTests {
  static let tableAddresses = Mapping.tableI1.itemsByCapability

  @Test("file storage example equals brute force")
  func fileStorage() throws {
    let profile = try ServiceProfile.load(path: AssessmentFiles.fileStorage.path)
    let selection = CapabilitySelection(
      targets: profile.applicable, mapping: .tableI1, costs: profile.costs)
    expectMatchesBruteForce(selection.problem, "file storage")
    #expect(selection.solution.uncoverable.isEmpty)
    #expect(selection.solution.minimumCardinality == 4)
  }

  @Test("bundled profiles equal brute force", arguments: AssessmentFiles.profiles)
  func bundledProfiles(name: String) throws {
    let url = AssessmentFiles.folder.appendingPathComponent(name)
    let assessment = Assessment(profile: try ServiceProfile.load(path: url.path))
    expectMatchesBruteForce(assessment.step2.problem, name)
  }

  @Test("random items and costs over Table I.1")
  func randomOverTableI1() {
    var random = SplitMix64(seed: 0x1601)
    for round in 0..<200 {
      let targets = ItemSet(rawValue: random.bits(Catalog.itemCount, percent: 5 + random.below(60)))
      let costs = (0..<Catalog.capabilityCount).map { _ in Self.randomCost(&random) }
      let forbidden = CapabilitySet(rawValue: UInt16(random.bits(14, percent: random.below(40))))
      let forced = CapabilitySet(
        rawValue: UInt16(random.bits(14, percent: random.below(15))) & ~forbidden.rawValue)
      let problem = CoverProblem(
        targets: targets, addresses: Self.tableAddresses, costs: costs, forced: forced,
        forbidden: forbidden)
      expectMatchesBruteForce(problem, "Table I.1 round \(round)")
    }
  }

  @Test("random sparse mappings, some infeasible")
  func randomSparseMappings() {
    var random = SplitMix64(seed: 0xC0FFEE)
    var sawUncoverable = false
    for round in 0..<150 {
      let addresses = (0..<Catalog.capabilityCount).map { _ in
        ItemSet(rawValue: random.bits(Catalog.itemCount, percent: 4 + random.below(12)))
      }
      let targets = ItemSet(
        rawValue: random.bits(Catalog.itemCount, percent: 30 + random.below(70)))
      let costs = (0..<Catalog.capabilityCount).map { _ in Self.randomCost(&random) }
      let forbidden = CapabilitySet(rawValue: UInt16(random.bits(14, percent: random.below(30))))
      let problem = CoverProblem(
        targets: targets, addresses: addresses, costs: costs, forbidden: forbidden)
      expectMatchesBruteForce(problem, "sparse round \(round)")
      if !CoverSolver.solve(problem).uncoverable.isEmpty { sawUncoverable = true }
    }
    #expect(sawUncoverable, "the random cases include infeasible items")
  }

  @Test("empty targets need only forced capabilities")
  func emptyTargets() {
    let forced = CapabilitySet(indices: [3])
    let problem = CoverProblem(
      targets: .empty, addresses: Self.tableAddresses, forced: forced)
    let solution = CoverSolver.solve(problem)
    #expect(solution.minimumCardinalityCovers == [forced])
    #expect(solution.minimumCostCover == forced)
    #expect(solution.minimumCost == 1)
  }

  @Test("all capabilities excluded leaves all uncovered")
  func everythingExcluded() {
    let problem = CoverProblem(
      targets: .all, addresses: Self.tableAddresses, forbidden: .all)
    let solution = CoverSolver.solve(problem)
    #expect(solution.uncoverable == .all)
    #expect(solution.covered == .empty)
    #expect(solution.minimumCardinalityCovers == [.empty])
  }

  @Test("implemented capabilities cost nothing")
  func implementedIsFree() throws {
    let clause811 = try #require(Catalog.standard.itemIndex(clause: "8.1.1"))
    let operational = try #require(Catalog.standard.capabilityIndex(clause: "9.9"))
    let coordination = try #require(Catalog.standard.capabilityIndex(clause: "9.8"))
    var costs = [Double](repeating: 1, count: 14)
    costs[operational] = 10
    let selection = CapabilitySelection(
      targets: ItemSet(indices: [clause811]), mapping: .tableI1, costs: costs,
      implemented: CapabilitySet(indices: [operational]))
    #expect(selection.solution.minimumCostCover == CapabilitySet(indices: [operational]))
    #expect(selection.solution.minimumCost == 0)
    #expect(selection.members.map(\.reason) == [.implemented])
    #expect(!selection.solution.minimumCostCover.contains(coordination))
  }

  @Test("cheaper pair beats single costly capability")
  func costBeatsCardinality() throws {
    let catalog = Catalog.standard
    let items = try ["8.1.1", "8.1.2"].map { try #require(catalog.itemIndex(clause: $0)) }
    let operational = try #require(catalog.capabilityIndex(clause: "9.9"))
    var costs = [Double](repeating: 1, count: 14)
    costs[operational] = 5
    let selection = CapabilitySelection(
      targets: ItemSet(indices: items), mapping: .tableI1, costs: costs)
    #expect(selection.solution.minimumCardinalityCovers == [CapabilitySet(indices: [operational])])
    #expect(selection.solution.minimumCost == 2)
    #expect(!selection.solution.minimumCostCover.contains(operational))
  }

  fileprivate static func randomCost(_ random: inout SplitMix64) -> Double {
    switch random.below(5) {
    case 0: 0
    case 1: 1
    case 2: Double(random.below(4))
    case 3: 0.5 * Double(random.below(7))
    default: Double(random.below(1_000_000)) / 997
    }
  }
}
