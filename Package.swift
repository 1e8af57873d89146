// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "x1601",
  products: [
    .executable(name: "x1601", targets: ["x1601"]),
    .executable(name: "x1601-bench", targets: ["x1601-bench"]),
    .library(name: "X1601Graph", targets: ["X1601Graph"]),
    .library(name: "X1601Catalog", targets: ["X1601Catalog"]),
    .library(name: "X1601SetCover", targets: ["X1601SetCover"]),
    .library(name: "X1601Analysis", targets: ["X1601Analysis"]),
    .library(name: "X1601IO", targets: ["X1601IO"]),
    .library(name: "X1601Render", targets: ["X1601Render"]),
  ],
  targets: [
    // Typed compact graph: dense UInt32 ids, CSR adjacency in both directions.
    .target(name: "X1601Graph"),

    // The standard's threats, challenges, capabilities and the Table I.1 mapping.
    .target(name: "X1601Catalog", dependencies: ["X1601Graph"]),

    // Weighted set cover: reductions, Lagrangian bound, branch and bound, CBC.
    .systemLibrary(
      name: "CCbc",
      pkgConfig: "cbc",
      providers: [.apt(["coinor-libcbc-dev"])]
    ),
    .target(name: "X1601SetCover", dependencies: ["CCbc"]),

    // Clause 10 assessment, covers, propagation and structure passes.
    .target(
      name: "X1601Analysis",
      dependencies: ["X1601Graph", "X1601Catalog", "X1601SetCover"]
    ),

    // File formats: JSON models, CycloneDX, Debian Packages, binary graphs, generators.
    .target(
      name: "X1601IO",
      dependencies: ["X1601Graph", "X1601Catalog", "X1601Analysis"]
    ),

    // DOT writer, rendering through libgvc, HTML reports.
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"])]
    ),
    .target(
      name: "X1601Render",
      dependencies: ["CGraphviz", "X1601Graph", "X1601Catalog", "X1601Analysis"]
    ),

    // Subcommands of the x1601 tool, kept in a library so tests can call them.
    .target(
      name: "X1601CLI",
      dependencies: [
        "X1601Graph", "X1601Catalog", "X1601SetCover", "X1601Analysis", "X1601IO",
        "X1601Render",
      ]
    ),
    .executableTarget(name: "x1601", dependencies: ["X1601CLI"]),

    .executableTarget(
      name: "x1601-bench",
      dependencies: [
        "X1601Graph", "X1601Catalog", "X1601SetCover", "X1601Analysis", "X1601IO",
        "X1601Render",
      ],
      path: "Benchmarks/Sources/x1601-bench"
    ),

    // Helpers shared by the test targets, such as locating the public datasets.
    .target(name: "X1601TestSupport", path: "Tests/X1601TestSupport"),

    .testTarget(name: "X1601GraphTests", dependencies: ["X1601Graph", "X1601TestSupport"]),
    .testTarget(name: "X1601CatalogTests", dependencies: ["X1601Catalog", "X1601TestSupport"]),
    .testTarget(name: "X1601SetCoverTests", dependencies: ["X1601SetCover", "X1601TestSupport"]),
    .testTarget(
      name: "X1601AnalysisTests",
      dependencies: ["X1601Analysis", "X1601Graph", "X1601Catalog", "X1601TestSupport"]
    ),
    .testTarget(
      name: "X1601IOTests",
      dependencies: ["X1601IO", "X1601Graph", "X1601Analysis", "X1601TestSupport"]
    ),
    .testTarget(
      name: "X1601RenderTests",
      dependencies: [
        "X1601Render", "X1601Graph", "X1601Catalog", "X1601Analysis", "X1601TestSupport",
      ],
      // Expected DOT outputs, read through the source path; see Golden/README.md.
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "X1601CLITests",
      dependencies: ["X1601CLI", "x1601", "X1601TestSupport"],
      exclude: ["BadInputCorpus"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
