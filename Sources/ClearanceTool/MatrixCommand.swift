import Clearance
import ClearanceJSON
import Foundation

/// `clearance matrix`: the role × permission and role × workflow-target tables.
struct MatrixCommand: Command {
  /// The output formats, by the name `--format` takes.
  enum Format: String, CaseIterable {
    case markdown
    case csv
    case html
  }

  let name = "matrix"
  let summary = "print the role × permission and role × workflow-target tables"
  let help = """
    usage: clearance matrix FOLDER [--format markdown|csv|html] [--output FILE]

    Prints what every role may do, computed from the policy of FOLDER (no directory
    needed):
      - the role × permission table: rows are permissions in catalog order, grouped by
        module (the key's first segment); columns are the live roles in declaration order
        (soft-deleted roles grant nothing and are listed, not shown);
      - for each workflow, the role × target-state table: may the role move a resource
        into that state (its enter permission, plus the workflow's base permission)?

    A cell shows ✓ for the role's own grant or ↑ROLE for a grant inherited from ROLE
    (the nearest one), the widest scope (assigned < shop < org < tree), wider reach that
    holds only in some states (`org in FOR_SALE`), and ⚠ when a prerequisite does not
    reach as far: the permission is then inactive, or active only at a narrower scope.
    Empty: not granted.

    options:
      --format F     markdown (GitHub tables, the default), csv (RFC 4180, one table with
                     a `section` column) or html (one self-contained page: inline CSS,
                     sticky header, colours, a tooltip with every grant's source).
                     Without --format, an --output name ending in .html, .csv or .md
                     picks the format.
      --output FILE  write to FILE instead of standard output.

    examples:
      clearance matrix Fixtures/example
      clearance matrix Fixtures/repairops --format html --output repairops.html
      clearance matrix Fixtures/opsos --format csv > opsos.csv
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let parsed = try ParsedArguments(arguments, options: ["--format", "--output"])
    let folder = try parsed.singleFolder()
    let output = parsed.options["--output"]
    let format = try MatrixCommand.format(parsed.options["--format"], output: output)
    try requireFolder(folder)
    let fixture = try loadFixture(folder)
    let model = MatrixModel(
      title: folderTitle(folder), compiled: fixture.snapshot.policy)
    let text: String
    switch format {
    case .markdown: text = MarkdownMatrix.render(model)
    case .csv: text = CSVMatrix.render(model)
    case .html: text = HTMLMatrix.render(model)
    }
    try emit(text, to: output)
    return 0
  }

  /// The format named by `--format`, else the one `--output`'s extension implies, else
  /// Markdown.
  static func format(_ name: String?, output: String?) throws -> Format {
    if let name {
      guard let format = Format(rawValue: name.lowercased()) else {
        throw UsageError(
          "unknown format \"\(name)\" (expected "
            + Format.allCases.map(\.rawValue).joined(separator: ", ") + ")")
      }
      return format
    }
    let lowered = output?.lowercased() ?? ""
    if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { return .html }
    if lowered.hasSuffix(".csv") { return .csv }
    return .markdown
  }
}

/// Throws a usage error unless `folder` is an existing directory with a policy.json.
func requireFolder(_ folder: String) throws {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
    throw UsageError("no such folder: \(folder)")
  }
  guard isDirectory.boolValue else { throw UsageError("not a folder: \(folder)") }
  let policy = (folder as NSString).appendingPathComponent("policy.json")
  guard FileManager.default.fileExists(atPath: policy) else {
    throw UsageError("\(folder) has no policy.json (is it a fixture folder?)")
  }
}

/// The name a fixture is shown under: the folder's last path component.
func folderTitle(_ folder: String) -> String {
  var trimmed = folder
  while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
  let name = (trimmed as NSString).lastPathComponent
  if name == "." || name.isEmpty {
    return (FileManager.default.currentDirectoryPath as NSString).lastPathComponent
  }
  return name
}

/// Writes `text` to `path`, or to standard output when `path` is nil.
func emit(_ text: String, to path: String?) throws {
  guard let path else {
    print(text, terminator: "")
    return
  }
  do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw OutputError(message: "cannot write \(path): \(error.localizedDescription)")
  }
}

/// A failure to write the output: reported without the command's help, exit code 2.
struct OutputError: Error, CustomStringConvertible {
  /// What went wrong.
  let message: String
  /// The message.
  var description: String { message }
}
