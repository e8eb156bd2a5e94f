// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Clearance",
  products: [
    .library(name: "Clearance", targets: ["Clearance", "ClearanceJSON"]),
    .executable(name: "clearance", targets: ["clearance"]),
  ],
  targets: [
    // The policy model, compiler and evaluator. Free of Foundation.
    .target(name: "Clearance"),
    // Loading and writing policies, directories and case files as JSON: its own strict
    // reader and writer, no Foundation.
    .target(name: "ClearanceJSON", dependencies: ["Clearance"]),
    // The `clearance` command-line tool.
    // Its folder is `ClearanceTool` so that no two source folders differ only by case.
    .executableTarget(
      name: "clearance", dependencies: ["Clearance", "ClearanceJSON"], path: "Sources/ClearanceTool"
    ),
    // What the tests share: the seeded random generator, the random corpus generator,
    // the reference evaluator, the policy-law checker and a few interesting policies.
    // Not part of any product.
    .target(
      name: "ClearanceTestSupport", dependencies: ["Clearance"], path: "Tests/ClearanceTestSupport"
    ),
    .testTarget(
      name: "ClearanceTests",
      dependencies: ["Clearance", "ClearanceJSON", "ClearanceTestSupport"],
      resources: []
    ),
  ],
  swiftLanguageModes: [.v6]
)
