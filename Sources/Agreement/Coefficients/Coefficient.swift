/// A statistic that is either a finite number or undefined for a stated reason.
enum Coefficient: Sendable, Equatable {
    case value(Double)
    case undefined(String)

    /// Wraps a computed number, turning NaN or infinity into `undefined` so reports never carry them.
    static func finite(_ number: Double, otherwise reason: String) -> Coefficient {
        number.isFinite ? .value(number) : .undefined(reason)
    }

    var number: Double? {
        if case .value(let number) = self { return number }
        return nil
    }

    var reason: String? {
        if case .undefined(let reason) = self { return reason }
        return nil
    }
}
