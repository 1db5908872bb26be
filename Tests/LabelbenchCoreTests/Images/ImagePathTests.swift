import Testing

#if canImport(LabelbenchImages)
    @testable import LabelbenchImages
#else
    @testable import LabelbenchCore
#endif

@Suite struct ImagePathTests {
    @Test(arguments: [
        ("a.jpg", "a.jpg"), ("./a/./b.jpg", "a/b.jpg"), ("a//b.jpg", "a/b.jpg"), ("a\\b.jpg", "a/b.jpg"),
        ("photos/", "photos"), ("..a/b..c", "..a/b..c"),
    ])
    func safePathsAreNormalised(path: String, expected: String) throws {
        #expect(try ImagePath.normalize(path, file: "t") == expected)
    }

    @Test(arguments: [
        "../evil.png", "a/../../evil.png", "a/..", "..\\evil.png", "a\\..\\..\\evil.png", "/etc/passwd",
        "\\server\\share.png", "C:\\evil.png", "c:evil.png", "", "./", "a\0b.png",
    ])
    func unsafePathsAreRefused(path: String) {
        #expect {
            try ImagePath.normalize(path, file: "photos.zip entry")
        } throws: { error in
            let error = error as? ImageImportError
            return error?.kind == .unsafePath && error?.description.hasPrefix("photos.zip entry: ") == true
        }
    }

    @Test func clutterIsRecognised() {
        #expect(ImagePath.isClutter("__MACOSX/photos/._a.png"))
        #expect(ImagePath.isClutter("photos/.DS_Store"))
        #expect(ImagePath.isClutter("photos/._a.png"))
        #expect(!ImagePath.isClutter("photos/a.png"))
    }
}
