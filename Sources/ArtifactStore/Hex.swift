import TextFormats

/// Digests are written with the one hex rule of `TextFormats`.
typealias Hex = TextFormats.Hex
