// swift-tools-version:6.2
import Foundation
import PackageDescription

// libFuzzer targets for every body parser, kept out of the main package so `swift build` stays as fast as it was.
// Built and run by `run.sh`, which passes `-sanitize=fuzzer,address` and `-enable-testing` (the multipart reader is
// internal to LabelbenchServer). The main package is a path dependency; its identity is its folder's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let main = root.lastPathComponent.lowercased()

let package = Package(
    name: "labelbench-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "LabelbenchFuzz",
            dependencies: [
                .product(name: "LabelbenchServer", package: main),
                .product(name: "LabelbenchCore", package: main),
                .product(name: "Agreement", package: main),
            ]
        )
    ]
)
