/// A count with its noun, singular for one: "1 item", "3 items". Pages say "1 answer", never
/// "1 answers"; the nouns used here all take a plain "s".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
