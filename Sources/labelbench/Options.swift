import ArgumentParser
import Foundation

/// `--data DIR` for admin commands that work on a data folder directly.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (database, secret, blobs).")
    var data: String = "./labelbench-data"
}

/// `--server` and `--token` for commands that talk to a running service.
struct ClientOptions: ParsableArguments {
    @Option(name: .long, help: "The service URL (env LABELBENCH_SERVER).")
    var server: String = ProcessInfo.processInfo.environment["LABELBENCH_SERVER"] ?? "http://127.0.0.1:8080"

    @Option(name: .long, help: "An API token (env LABELBENCH_TOKEN); see `labelbench tokens create`.")
    var token: String?

    func client() throws -> APIClient {
        guard let token = token ?? ProcessInfo.processInfo.environment["LABELBENCH_TOKEN"], !token.isEmpty else {
            throw ValidationError(
                "give an API token with --token or LABELBENCH_TOKEN (create one with `labelbench tokens create NAME`)")
        }
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("--server must be an http:// or https:// URL")
        }
        return APIClient(base: url, token: token)
    }
}
