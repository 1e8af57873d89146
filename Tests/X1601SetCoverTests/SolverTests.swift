import Testing

@testable import X1601SetCover

@Suite("Set-cover solver")
struct SolverTests {
  @Test("SplitMix64 reference sequence")
  func splitMixReference() {
    var random = SplitMix64(seed: 0)
    #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test("exact mode equals brute force", arguments: [false, true])
  func exactMatchesBruteForce(unicost: Bool) throws {
    var random = SplitMix64(seed: unicost ? 11 : 7)
    for trial in 0..<150 {
      let instance = RandomInstances.make(&random, unicost: unicost)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      let solution = try SetCoverSolver.solve(
        instance, options: SetCoverOptions(mode: .exact, timeLimit: 10, seed: UInt64(trial)))
      #expect(solution.cost == optimum, "trial \(trial)")
      #expect(solution.isProvenOptimal, "trial \(trial)")
      #expect(instance.isCover(solution.columns), "trial \(trial)")
      #expect(instance.cost(of: solution.columns) == solution.cost, "trial \(trial)")
      #expect(solution.lowerBound == optimum, "trial \(trial)")
    }
  }

  @Test("exact mode without reductions", arguments: [false, true])
  func exactWithoutReductions(unicost: Bool) throws {
    var random = SplitMix64(seed: unicost ? 13 : 17)
    for trial in 0..<60 {
      let instance = RandomInstances.make(
        &random, maximumRows: 24, maximumColumns: 14, unicost: unicost)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      let options = SetCoverOptions(
        mode: .exact, timeLimit: 10, seed: UInt64(trial), appliesReductions: false)
      let solution = try SetCoverSolver.solve(instance, options: options)
      #expect(solution.cost == optimum, "trial \(trial)")
      #expect(solution.isProvenOptimal, "trial \(trial)")
      #expect(instance.isCover(solution.columns), "trial \(trial)")
    }
  }

  @Test("heuristic bound brackets optimum", arguments: [false, true])
  func heuristicBracketsOptimum(unicost: Bool) throws {
    var random = SplitMix64(seed: unicost ? 23 : 19)
    for trial in 0..<150 {
      let instance = RandomInstances.make(
        &random, maximumRows: 24, maximumColumns: 14, unicost: unicost)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      let options = SetCoverOptions(
        mode: .heuristic, timeLimit: 10, seed: 3, appliesReductions: trial % 2 == 0)
      let solution = try SetCoverSolver.solve(instance, options: options)
      #expect(solution.lowerBound <= optimum + 1e-9, "trial \(trial)")
      #expect(solution.lowerBound <= solution.cost + 1e-9, "trial \(trial)")
      #expect(solution.cost >= optimum, "trial \(trial)")
      #expect(instance.isCover(solution.columns), "trial \(trial)")
      if solution.isProvenOptimal {
        #expect(solution.cost == optimum, "trial \(trial)")
      }
    }
  }

  @Test("row-weighting search stays valid", arguments: [false, true])
  func rowWeightingSearchValid(unicost: Bool) throws {
    var random = SplitMix64(seed: unicost ? 83 : 89)
    var improved = 0
    for trial in 0..<60 {
      let instance = RandomInstances.make(
        &random, maximumRows: 24, maximumColumns: 14, unicost: unicost)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      let start = try SetCoverSolver.greedyCover(instance).map { Int32($0) }
      let startCost = instance.cost(of: start.map { UInt32($0) })
      var search = RowWeightingSearch(instance: instance, start: start, seed: UInt64(trial))
      search.run(steps: 300) { false }
      let cover = search.bestCover.map { UInt32($0) }
      #expect(instance.isCover(cover), "trial \(trial)")
      #expect(instance.cost(of: cover) == search.bestCost, "trial \(trial)")
      #expect(search.bestCost >= optimum, "trial \(trial)")
      #expect(search.bestCost <= startCost, "trial \(trial)")
      if search.bestCost < startCost { improved += 1 }
    }
    #expect(improved > 0)
  }

  @Test("equal seeds give equal covers")
  func seedDeterminism() throws {
    var random = SplitMix64(seed: 97)
    for trial in 0..<8 {
      let instance = RandomInstances.make(&random, maximumRows: 30, maximumColumns: 40)
      let options = SetCoverOptions(mode: .heuristic, timeLimit: 60, seed: 5)
      let first = try SetCoverSolver.solve(instance, options: options)
      let second = try SetCoverSolver.solve(instance, options: options)
      #expect(first.columns == second.columns, "trial \(trial)")
      #expect(first.lowerBound == second.lowerBound, "trial \(trial)")
    }
  }

  @Test("uncoverable row reported by id")
  func uncoverableRowReported() throws {
    var random = SplitMix64(seed: 31)
    var infeasibleCount = 0
    for trial in 0..<200 {
      let instance = RandomInstances.make(&random, allowsUncoverable: true)
      let empty = instance.uncoverableRows()
      let optimum = RandomInstances.bruteForceOptimum(instance)
      #expect((optimum == nil) == !empty.isEmpty, "trial \(trial)")
      guard let first = empty.first else { continue }
      infeasibleCount += 1
      for mode in SetCoverMode.allCases {
        #expect(throws: SetCoverError.uncoverableRow(row: first, count: empty.count)) {
          try SetCoverSolver.solve(instance, options: SetCoverOptions(mode: mode, timeLimit: 5))
        }
      }
    }
    #expect(infeasibleCount > 20)
  }

  @Test("greedy cover is a cover without redundancy")
  func greedyCoverValid() throws {
    var random = SplitMix64(seed: 43)
    for trial in 0..<100 {
      let instance = RandomInstances.make(&random)
      let cover = try SetCoverSolver.greedyCover(instance)
      #expect(instance.isCover(cover), "trial \(trial)")
      for column in cover {
        #expect(!instance.isCover(cover.filter { $0 != column }), "trial \(trial)")
      }
    }
  }

  @Test("tiny time limit still covers")
  func tinyTimeLimitCovers() throws {
    var random = SplitMix64(seed: 101)
    for trial in 0..<20 {
      let instance = RandomInstances.make(&random, maximumRows: 30, maximumColumns: 40)
      for mode in SetCoverMode.allCases {
        let options = SetCoverOptions(mode: mode, timeLimit: 1e-9, appliesReductions: false)
        let solution = try SetCoverSolver.solve(instance, options: options)
        #expect(instance.isCover(solution.columns), "trial \(trial)")
        #expect(solution.cost == instance.cost(of: solution.columns), "trial \(trial)")
        #expect(solution.lowerBound <= solution.cost, "trial \(trial)")
      }
    }
  }

  @Test("empty instance costs nothing")
  func emptyInstance() throws {
    let instance = try SetCoverInstance(rowCount: 0, costs: [3, 4], columns: [[], []])
    let solution = try SetCoverSolver.solve(instance)
    #expect(solution.columns.isEmpty)
    #expect(solution.cost == 0)
    #expect(solution.isProvenOptimal)
  }

  @Test("invalid instance data rejected")
  func invalidInstanceRejected() {
    #expect(throws: SetCoverError.invalidCost(column: 1, cost: -2)) {
      try SetCoverInstance(rowCount: 2, costs: [1, -2], columns: [[0], [1]])
    }
    #expect(throws: SetCoverError.rowOutOfRange(column: 0, row: 5, rowCount: 2)) {
      try SetCoverInstance(rowCount: 2, costs: [1, 2], columns: [[5], [1]])
    }
  }

  @Test("CBC backend equals brute force")
  func cbcMatchesBruteForce() throws {
    var random = SplitMix64(seed: 59)
    for trial in 0..<40 {
      let instance = RandomInstances.make(&random)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      let columns = (0..<instance.columnCount).map { Int32($0) }
      let outcome = CbcBackend.solve(instance, columns: columns, cutoff: .infinity, seconds: 10)
      #expect(outcome.isProvenOptimal, "trial \(trial)")
      #expect(outcome.cost == optimum, "trial \(trial)")
    }
  }

  @Test("branch and bound equals brute force")
  func branchAndBoundMatchesBruteForce() throws {
    var random = SplitMix64(seed: 61)
    for trial in 0..<100 {
      let instance = RandomInstances.make(&random, unicost: trial % 2 == 0)
      let optimum = try #require(RandomInstances.bruteForceOptimum(instance))
      var search = BranchAndBound(
        instance: instance, incumbent: [], incumbentCost: .infinity,
        stopwatch: Stopwatch(limit: 10), nodeLimit: 1_000_000)
      search.run(multipliers: [Double](repeating: 0, count: instance.rowCount))
      #expect(search.isComplete, "trial \(trial)")
      #expect(search.incumbentCost == optimum, "trial \(trial)")
    }
  }
}
