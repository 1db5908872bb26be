#if canImport(Glibc)
    import Glibc

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module does not import `<malloc.h>`.
    private let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        // A null handle is RTLD_DEFAULT: search the libraries already loaded.
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
#endif

/// Hands heap pages freed by a large piece of work (an export, an import) back to the system.
///
/// glibc keeps freed pages of its per-thread arenas mapped, so without this a long-running server
/// keeps the resident size of its largest export for good.
func releaseFreedMemory() {
    #if canImport(Glibc)
        _ = mallocTrim?(0)
    #endif
}
