extension AnnotationFile {
    /// Reads a label array of JSON objects as boxes, naming the first box that is not one.
    static func boxField(_ list: [Any], line: Int) throws -> [Box] {
        do throws(BoxListError) {
            return try Box.list(fromJSON: list)
        } catch {
            throw AnnotationFileError(line: line, message: error.message)
        }
    }
}
