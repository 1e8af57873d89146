import Foundation
import X1601TestSupport

/// The files under Datasets/x1601 in the repository.
enum DatasetFiles {
  static let folder = SharedDatasets.repositoryRoot.appendingPathComponent("Datasets/x1601")
  static let catalog = folder.appendingPathComponent("catalog.json")
  static let tableI1 = folder.appendingPathComponent("table-i1.csv")
}
