import ArtifactStore
import Logging

extension Logger {
    /// A protected alias forced onto a version that failed its quality gates: a security-relevant event, logged
    /// with who, why and which checks failed, wherever the force came from (an alias move or an export).
    func protectedAliasForced(_ override: AliasOverride, onto version: ArtifactVersion) {
        notice(
            "security: protected alias forced onto a version that failed its quality gates",
            metadata: [
                "alias": "\(override.alias)", "version": "\(version.reference)", "user": "\(override.by)",
                "failed": "\(version.gates?.failedChecks.joined(separator: ",") ?? "")",
                "reason": "\(override.reason.prefix(200))",
            ])
    }
}
