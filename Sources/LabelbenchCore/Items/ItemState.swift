/// Where an item stands, as the item browser and export slices name it: the first of these that
/// applies, in this order.
public enum ItemState: String, CaseIterable, Sendable, Codable {
    /// A practitioner's ruling stands.
    case adjudicated
    /// Someone has an open flag on it.
    case flagged
    /// It has a gold answer.
    case gold
    /// It has annotations and every one of them is untrusted (given by an annotator paused since).
    case pausedOnly = "paused_only"
    /// Two or more counted annotations that do not all give the same answer.
    case contested
    /// Its counted annotations reached its overlap.
    case done
    /// Some counted annotations, or a live lease.
    case inProgress = "in_progress"
    /// None of the above.
    case unlabeled

    /// What the rule reads about one item.
    public struct Facts: Sendable, Equatable {
        public var ruled: Bool
        public var openFlags: Int
        public var gold: Bool
        /// Every annotation, counted or not.
        public var annotations: Int
        /// Annotations of trusted annotators (`counted_annotation`).
        public var counted: Int
        /// Distinct answers among the counted annotations.
        public var countedAnswers: Int
        /// The places the item needs: its adaptive `needed`, else the task's overlap.
        public var overlap: Int
        public var liveLease: Bool

        public init(
            ruled: Bool = false, openFlags: Int = 0, gold: Bool = false, annotations: Int = 0, counted: Int = 0,
            countedAnswers: Int = 0, overlap: Int = 1, liveLease: Bool = false
        ) {
            self.ruled = ruled
            self.openFlags = openFlags
            self.gold = gold
            self.annotations = annotations
            self.counted = counted
            self.countedAnswers = countedAnswers
            self.overlap = overlap
            self.liveLease = liveLease
        }
    }

    /// The state of an item with these facts: the first case, in declaration order, that applies.
    public init(_ facts: Facts) {
        self =
            if facts.ruled {
                .adjudicated
            } else if facts.openFlags > 0 {
                .flagged
            } else if facts.gold {
                .gold
            } else if facts.annotations > 0 && facts.counted == 0 {
                .pausedOnly
            } else if facts.counted >= 2 && facts.countedAnswers > 1 {
                .contested
            } else if facts.counted >= facts.overlap {
                .done
            } else if facts.counted > 0 || facts.liveLease {
                .inProgress
            } else {
                .unlabeled
            }
    }

    /// Reads a state by its name, refusing anything else with the known names.
    public init(parsing text: String) throws {
        guard let state = ItemState(rawValue: text) else {
            throw DomainError.invalid(
                "state: \"\(text.prefix(100))\" is not a state; expected one of "
                    + Self.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = state
    }
}
