import LabelbenchCore
import Logging
import ServiceLifecycle

/// Returns items of expired leases to the pool every few seconds, so progress counts stay true
/// even when nobody asks for work (the queue also releases them on demand).
struct LeaseExpiryService: Service {
    let database: AppDatabase
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await database.releaseExpiredLeases()
            } catch {
                logger.error("lease expiry failed", metadata: ["error": "\(error)"])
            }
            // A graceful shutdown (SIGTERM, or the end of an in-process test) ends the wait instead of sleeping it out.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(5)) }
            if Task.isCancelled { return }
        }
    }
}
