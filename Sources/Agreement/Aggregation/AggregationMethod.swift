/// How to turn several annotations of an item into one consensus label.
public enum AggregationMethod: Sendable, Equatable {
    /// Most votes wins; ties go to the first label in the label order.
    case majority
    /// Dawid–Skene EM from a majority-vote start. A fixed iteration count keeps runs comparable;
    /// with a tolerance it also stops once the evidence lower bound gains less than that.
    case dawidSkene(iterations: Int = 100, tolerance: Double? = nil)

    /// The name used in JSON and on the command line.
    public var name: String {
        switch self {
        case .majority: "majority"
        case .dawidSkene: "dawid-skene"
        }
    }
}
