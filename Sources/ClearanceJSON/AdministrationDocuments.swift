import Clearance

extension Fixture {
  /// The fixture's administration cases, from `admin-cases.json` (empty when the folder
  /// has none).
  ///
  /// - Throws: ``ValidationError`` with paths prefixed `admin-cases.json`.
  public func administrationCases() throws(ValidationError) -> [AdministrationCase] {
    let path = folder + "/admin-cases.json"
    guard FileIO.exists(path) else { return [] }
    do {
      return try JSONDocuments.read(AdministrationCaseFile.self, at: path).cases
    } catch {
      throw ValidationError(
        error.issues.map { issue in
          var copy = issue
          copy.path =
            copy.path.isEmpty || copy.path.hasPrefix("/")
            ? "admin-cases.json" : "admin-cases.json: \(copy.path)"
          return copy
        })
    }
  }
}

extension JSONDocuments {
  /// Reads a file holding a JSON array of administration operations.
  ///
  /// - Throws: ``ValidationError`` naming the path of each problem.
  public static func readOperations(at path: String) throws(ValidationError)
    -> [AdministrationOperation]
  {
    try read([AdministrationOperation].self, at: path)
  }
}
