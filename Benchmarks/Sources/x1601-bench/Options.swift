import Foundation

/// The command line of `x1601-bench`.
struct Options {
  var scale = 20
  var edgeFactor = 16
  var seed: UInt64 = 1
  var symmetric = false
  var runs = 5
  var sourceCount = 4
  var dataFolder = "Benchmarks/data"
  var jsonPath: String?
  var text = true
  var structure = true
  var render = true
  var probabilistic = true

  static let usage = """
    USAGE: x1601-bench [--scale N] [--edge-factor N] [--seed N] [--symmetric] [--runs N]
                       [--sources N] [--data DIR] [--json FILE] [--no-text] [--no-structure]
                       [--no-render] [--no-probabilistic]

    Generates an R-MAT graph (Graph500 parameters) once into DIR as a binary file and a text
    edge list, then times loading both, breadth-first search (top-down, direction-optimising,
    parallel), the propagation pass, dominators, strongly connected components and rendering.
    Prints medians with min and max, bytes per edge and peak resident memory, and writes JSON.
    Build with `swift build -c release`; Benchmarks/run.sh adds the igraph and NetworkX columns.
    """

  static func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var index = 0
    func value(_ name: String) -> String {
      index += 1
      guard index < arguments.count else { fail("option \(name) needs a value") }
      return arguments[index]
    }
    func integer(_ name: String, _ range: ClosedRange<Int>) -> Int {
      let text = value(name)
      guard let number = Int(text), range.contains(number) else {
        fail("invalid value \"\(text)\" for \(name); use an integer in \(range)")
      }
      return number
    }
    while index < arguments.count {
      let argument = arguments[index]
      switch argument {
      case "--scale": options.scale = integer(argument, 1...27)
      case "--edge-factor": options.edgeFactor = integer(argument, 1...256)
      case "--seed": options.seed = UInt64(integer(argument, 0...Int.max))
      case "--symmetric": options.symmetric = true
      case "--runs": options.runs = integer(argument, 1...1000)
      case "--sources": options.sourceCount = integer(argument, 1...1000)
      case "--data": options.dataFolder = value(argument)
      case "--json": options.jsonPath = value(argument)
      case "--no-text": options.text = false
      case "--no-structure": options.structure = false
      case "--no-render": options.render = false
      case "--no-probabilistic": options.probabilistic = false
      case "-h", "--help":
        print(usage)
        exit(0)
      default:
        fail("unknown argument \"\(argument)\"")
      }
      index += 1
    }
    return options
  }

  /// The file name stem of the graph these options describe.
  var stem: String {
    "rmat-\(scale)-\(edgeFactor)-seed\(seed)\(symmetric ? "-sym" : "")"
  }
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("x1601-bench: \(message)\n\(Options.usage)\n".utf8))
  exit(64)
}
