// Benchmark driver: see Benchmarks/README.md.
import Foundation
import X1601Analysis
import X1601Graph
import X1601IO
import X1601Render

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
var report = BenchReport(options: options)
report.figures["load average at the start (1 min)"] = loadAverages().first ?? .nan

func progress(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

func fileSize(_ path: String) -> Int {
  ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

try FileManager.default.createDirectory(
  atPath: options.dataFolder, withIntermediateDirectories: true)
let binaryPath = "\(options.dataFolder)/\(options.stem).x1601"
let textPath = "\(options.dataFolder)/\(options.stem).txt"
let generator = RMATGenerator(
  scale: options.scale, edgeFactor: options.edgeFactor, seed: options.seed,
  symmetric: options.symmetric)

// MARK: - Generate and save

if !FileManager.default.fileExists(atPath: binaryPath) {
  progress("generating \(options.stem)")
  let (generateSeconds, graph) = try Stopwatch.time { try generator.makeGraph() }
  report.add(
    Measurement(
      name: "generate (R-MAT, in memory)", generateSeconds,
      figures: ["edges": Double(graph.edgeCount), "nodes": Double(graph.nodeCount)]))
  let (saveSeconds, _) = try Stopwatch.time { try BinaryGraphWriter.write(graph, to: binaryPath) }
  report.add(
    Measurement(
      name: "save binary", saveSeconds,
      figures: ["bytes": Double(fileSize(binaryPath))]))
}
if options.text && !FileManager.default.fileExists(atPath: textPath) {
  progress("writing \(textPath)")
  let (seconds, _) = try Stopwatch.time { try generator.writeEdgeList(to: textPath) }
  report.add(
    Measurement(
      name: "generate (R-MAT, streamed edge list)", seconds,
      figures: ["bytes": Double(fileSize(textPath))]))
}
report.figures["peak resident bytes after generation"] = Double(ProcessMemory.peakResident)

// MARK: - Load

progress("loading \(binaryPath)")
let binaryBytes = fileSize(binaryPath)
let loadSeconds = try Stopwatch.repeated(options.runs) {
  _ = try BinaryGraphReader.load(path: binaryPath)
}
var load = Measurement(name: "load binary (mmap, checked)", loadSeconds)
load.figures["bytes"] = Double(binaryBytes)
load.figures["GB/s"] = Double(binaryBytes) / load.median / 1e9
report.add(load)

let fullSeconds = try Stopwatch.repeated(max(1, options.runs / 2), warmUp: false) {
  _ = try BinaryGraphReader.load(path: binaryPath, verification: .full)
}
var full = Measurement(name: "load binary (mmap, full validation)", fullSeconds)
full.figures["GB/s"] = Double(binaryBytes) / full.median / 1e9
report.add(full)

let residentBefore = ProcessMemory.resident
let graph = try BinaryGraphReader.load(path: binaryPath)
let residentAfter = ProcessMemory.resident
report.graph = GraphFigures(
  nodes: graph.nodeCount, edges: graph.edgeCount, binaryBytes: binaryBytes,
  adjacencyBytesPerEdge: Double(graph.adjacencyByteCount) / Double(max(graph.edgeCount, 1)),
  residentBytesPerEdge: Double(residentAfter - residentBefore) / Double(max(graph.edgeCount, 1)))

if options.text {
  progress("reading \(textPath)")
  let textBytes = fileSize(textPath)
  let rawSeconds = try Stopwatch.repeated(options.runs) {
    _ = try RawEdgeParse.parse(path: textPath)
  }
  var raw = Measurement(name: "text: raw byte-level parse (1 thread)", rawSeconds)
  raw.figures["MB/s"] = Double(textBytes) / raw.median / 1e6
  report.add(raw)

  let parseSeconds = try Stopwatch.repeated(options.runs) {
    try RawEdgeParse.withMappedFile(textPath) { bytes in
      _ = try EdgeListReader.parse(bytes, path: textPath)
    }
  }
  var parse = Measurement(name: "text: edge-list parse (x1601, 2 threads)", parseSeconds)
  parse.figures["MB/s"] = Double(textBytes) / parse.median / 1e6
  parse.figures["ratio to raw"] = parse.median / raw.median
  report.add(parse)

  let importSeconds = try Stopwatch.repeated(max(1, options.runs / 2)) {
    _ = try EdgeListReader.load(path: textPath)
  }
  var importing = Measurement(
    name: "text: edge-list import to graph (parse + build)", importSeconds)
  importing.figures["ratio to raw"] = importing.median / raw.median
  report.add(importing)
}

// MARK: - Breadth-first search

var sourcePicker = BenchRandom(seed: options.seed &+ 17)
var sources: [NodeID] = []
while sources.count < options.sourceCount {
  let node = NodeID(sourcePicker.next() % UInt64(graph.nodeCount))
  if graph.degree(of: node, .forward) > 0 && !sources.contains(node) { sources.append(node) }
}
report.sources = sources.map { Int($0) }
progress("breadth-first search from \(sources)")

var bfsMedians: [BreadthFirstSearch.Strategy: Double] = [:]
for strategy in BreadthFirstSearch.Strategy.allCases {
  var seconds = Timings()
  var reached: [Double] = []
  for source in sources {
    _ = BreadthFirstSearch.run(on: graph, from: [source], strategy: strategy)
    for _ in 0..<options.runs {
      let (time, result) = Stopwatch.time {
        BreadthFirstSearch.run(on: graph, from: [source], strategy: strategy)
      }
      seconds = seconds + time
      reached.append(Double(result.reachedCount))
    }
  }
  var measurement = Measurement(name: "BFS \(strategy) (forward)", seconds)
  measurement.figures["mean nodes reached"] = reached.reduce(0, +) / Double(reached.count)
  bfsMedians[strategy] = measurement.median
  report.add(measurement)
}
if let single = bfsMedians[.directionOptimizing], let parallel = bfsMedians[.parallel] {
  report.figures["BFS speed-up, 2 threads over 1 (direction-optimising)"] = single / parallel
}

var reverseSeconds = Timings()
for source in sources {
  reverseSeconds =
    reverseSeconds
    + Stopwatch.repeated(options.runs) {
      _ = BreadthFirstSearch.run(
        on: graph, from: [source], direction: .reverse, kinds: [.dependsOn], strategy: .topDown)
    }
}
let reverseBFS = Measurement(name: "BFS topDown (reverse, depends-on)", reverseSeconds)
report.add(reverseBFS)

// MARK: - Propagation

progress("propagation")
let (chainSeconds, chain) = Stopwatch.time { SupplyChain(graph: graph) }
report.add(Measurement(name: "propagation: supply chain set-up", chainSeconds))
var propagationMedians: [Int: Double] = [:]
for threads in [1, 2] {
  var seconds = Timings()
  var reached = 0
  for source in sources {
    let propagationOptions = PropagationOptions(
      origins: [PropagationOrigin(node: source, items: SupplyChainItems.allItems)],
      threads: threads)
    _ = Propagation.run(chain, propagationOptions)
    for _ in 0..<options.runs {
      let (time, result) = Stopwatch.time { Propagation.run(chain, propagationOptions) }
      seconds = seconds + time
      reached = result.affected.count
    }
  }
  var propagation = Measurement(
    name: "propagation, all 26 items (\(threads) thread\(threads == 1 ? "" : "s"))", seconds)
  propagation.figures["ratio to one top-down BFS"] = propagation.median / reverseBFS.median
  propagation.figures["nodes affected (last source)"] = Double(reached)
  propagationMedians[threads] = propagation.median
  report.add(propagation)
}
if let one = propagationMedians[1], let two = propagationMedians[2] {
  report.figures["propagation speed-up, 2 threads over 1 (all 26 items)"] = one / two
}

if options.probabilistic {
  // Monte Carlo samples split over threads; a few samples suffice to time the split.
  var byThreads: [Int: Double] = [:]
  for threads in [1, 2] {
    let probabilisticOptions = ProbabilisticOptions(samples: 8, seed: 1, threads: threads)
    let origins = [PropagationOrigin(node: sources[0], items: SupplyChainItems.allItems)]
    let seconds = Stopwatch.repeated(max(1, options.runs / 2), warmUp: false) {
      _ = Propagation.runProbabilistic(
        chain, PropagationOptions(origins: origins), probabilisticOptions)
    }
    let measurement = Measurement(
      name: "propagation, Monte Carlo 8 samples (\(threads) thread\(threads == 1 ? "" : "s"))",
      seconds)
    byThreads[threads] = measurement.median
    report.add(measurement)
  }
  if let one = byThreads[1], let two = byThreads[2] {
    report.figures["propagation speed-up, 2 threads over 1 (Monte Carlo)"] = one / two
  }
}

// MARK: - Structure

if options.structure {
  progress("dominators and strongly connected components")
  let dominatorSeconds = Stopwatch.repeated(max(1, options.runs / 2)) {
    _ = DominatorTree(graph, root: sources[0], direction: .forward, kinds: [.dependsOn])
  }
  report.add(Measurement(name: "dominator tree (from the first source)", dominatorSeconds))
  let componentSeconds = Stopwatch.repeated(max(1, options.runs / 2)) {
    _ = StronglyConnectedComponents(graph, kinds: [.dependsOn])
  }
  report.add(Measurement(name: "strongly connected components", componentSeconds))
}

// MARK: - Rendering

if options.render {
  progress("rendering")
  let dot = Neighborhood.dot(graph, around: sources[0], limit: 150)
  let renderSeconds = try Stopwatch.repeated(options.runs) {
    _ = try GraphvizRenderer.render(dot, engine: .dot, format: .svg)
  }
  report.add(
    Measurement(
      name: "render a 150-node search tree to SVG (dot)", renderSeconds,
      figures: ["nodes": Double(dot.body.nodes.count), "edges": Double(dot.body.edges.count)]))
}

report.figures["peak resident bytes"] = Double(ProcessMemory.peakResident)
report.figures["load average at the end (1 min)"] = loadAverages().first ?? .nan
report.printTable()
if let path = options.jsonPath {
  try report.write(to: path)
  progress("wrote \(path)")
}
