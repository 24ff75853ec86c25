// swift-tools-version: 6.2
//
// Truce: an email-native gateway for collective mediation.
// Dependencies point one way: CCurl ← MailTransport; MIME ← Mediation ← Store;
// everything ← Gateway ← truce. Only MailTransport touches the network and only
// Store touches SQLite; MIME and Mediation do no I/O.
import PackageDescription

let package = Package(
    name: "truce",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "truce", targets: ["truce"]),
        .executable(name: "truce-bench", targets: ["truce-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", exact: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    ],
    targets: [
        // Typed wrappers over libcurl's variadic calls; nothing else.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // RFC 5322/MIME parsing and building, reply-text extraction. Foundation only.
        .target(name: "MIME"),
        // IMAP and SMTP over libcurl.
        .target(
            name: "MailTransport",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        // The mediation domain: no I/O.
        .target(
            name: "Mediation",
            dependencies: ["MIME", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // SQLite through GRDB (and SQLite's own API where GRDB has none: the log hook).
        .target(
            name: "Store",
            dependencies: [
                "Mediation", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The services (Fetcher, Intake, Dispatcher, Scheduler), templates, configuration.
        .target(
            name: "Gateway",
            dependencies: [
                "MIME", "MailTransport", "Mediation", "Store",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "truce",
            dependencies: ["Gateway", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "truce-bench",
            dependencies: ["MIME", "MailTransport", "Gateway"]
        ),
        .testTarget(name: "MIMETests", dependencies: ["MIME"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport"]),
        .testTarget(name: "MediationTests", dependencies: ["Mediation"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway"]),
        .testTarget(name: "IntegrationTests", dependencies: ["Gateway", "MailTransport", "MIME"]),
    ]
)
