// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "labelbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "labelbench", targets: ["labelbench"]),
        .library(name: "Agreement", targets: ["Agreement"]),
        .library(name: "LabelbenchCore", targets: ["LabelbenchCore"]),
        .library(name: "ArtifactStore", targets: ["ArtifactStore"]),
        .library(name: "LabelbenchServer", targets: ["LabelbenchServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // How values are written as text and read back: JSON strings and numbers, hex, ISO 8601 times. Foundation only.
        .target(name: "TextFormats", swiftSettings: strict),
        .target(name: "Agreement", dependencies: ["TextFormats"], swiftSettings: strict),
        .target(
            name: "ArtifactStore",
            dependencies: [
                "TextFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LabelbenchCore",
            dependencies: [
                "TextFormats",
                "Agreement",
                "ArtifactStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LabelbenchServer",
            dependencies: [
                "LabelbenchCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "labelbench",
            dependencies: [
                "LabelbenchServer",
                "LabelbenchCore",
                "Agreement",
                "ArtifactStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict,
            linkerSettings: [
                // Packed relative relocations (DT_RELR): the loader reads a few KB instead of megabytes
                // of relocation records at every start, pages that stayed resident in an idle server.
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux]))
            ]
        ),
        // Real image files made in code, shared by the Core and server tests.
        .target(name: "TestImageFixtures", path: "Tests/TestImageFixtures", swiftSettings: strict),
        .testTarget(name: "TextFormatsTests", dependencies: ["TextFormats"], swiftSettings: strict),
        .testTarget(
            name: "AgreementTests",
            dependencies: ["Agreement", "TextFormats"],
            resources: [.copy("ReferenceData")],
            swiftSettings: strict
        ),
        .testTarget(name: "ArtifactStoreTests", dependencies: ["ArtifactStore"], swiftSettings: strict),
        .testTarget(
            name: "LabelbenchCoreTests",
            dependencies: ["LabelbenchCore", "TestImageFixtures", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // What the server and CLI tests share: a service in process or on a port, its client, the built executable.
        .target(
            name: "LabelbenchTestSupport",
            dependencies: [
                "LabelbenchServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/LabelbenchTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "LabelbenchServerTests",
            dependencies: [
                "LabelbenchServer",
                "LabelbenchTestSupport",
                "TestImageFixtures",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // The `labelbench` executable as a user runs it (commands against a data folder or a live server).
        .testTarget(
            name: "LabelbenchCLITests",
            dependencies: ["LabelbenchCore", "LabelbenchTestSupport"],
            swiftSettings: strict
        ),
    ]
)
