/// The sign-in page: the form, the `next` path it returns to, and one generic error.
struct LoginPage {
    let chrome: Chrome
    let name: String
    let next: String
    let error: String?
}

/// The one-time page that creates the first admin account.
struct SetupPage {
    let chrome: Chrome
    let token: String
    let name: String
    let error: String?
}

/// A choice in a `<select>`.
struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

/// A checkbox among several with the same field name.
struct CheckOption {
    let value: String
    let checked: Bool
}

/// The admin's account page: every account, a form to create one, a form to assign annotators.
struct UsersPage {
    struct Row {
        let name: String
        let role: String
        let created: String
    }

    let chrome: Chrome
    let users: [Row]
    let roles: [SelectOption]
    let annotators: [SelectOption]
    let tasks: [SelectOption]
    let hasAnnotators: Bool
    let hasTasks: Bool
    let newName: String
    let createError: String?
    let assignError: String?
    let notice: String?
}

extension String {
    /// nil for an empty string: Mustache sections treat any string, even "", as true.
    var nonEmpty: String? { isEmpty ? nil : self }
}
