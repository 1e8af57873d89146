import Foundation
import X1601TestSupport

/// The profiles under Datasets/x1601 in the repository.
enum AssessmentFiles {
  static let folder = SharedDatasets.repositoryRoot.appendingPathComponent("Datasets/x1601")
  static let fileStorage = folder.appendingPathComponent("file-storage.json")
  static let profiles = ["file-storage.json", "iaas-compute.json", "caas-calling.json"]
}
