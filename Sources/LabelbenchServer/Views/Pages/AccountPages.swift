/// The sign-in page: the form with its pre-session CSRF field, the `next` path it returns to, one
/// generic error, and a hint when no account exists yet.
struct LoginPage {
    let chrome: Chrome
    let csrf: String
    let name: String
    let next: String
    let error: String?
    let needsSetup: Bool
}

/// The form where a signed-in user changes their own password.
struct PasswordPage {
    let chrome: Chrome
    let error: String?
    let notice: String?
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

/// The admin's account page: every account with its state, role, password reset and task
/// assignments, a form to create one, a form to assign annotators.
struct UsersPage {
    struct Row {
        let name: String
        let role: String
        let created: String
        let disabled: Bool
        let roles: [SelectOption]
        let tasks: [String]
        let hasTasks: Bool
        let csrf: String
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
    let changeError: String?
    let notice: String?
}

extension String {
    /// nil for an empty string: Mustache sections treat any string, even "", as true.
    var nonEmpty: String? { isEmpty ? nil : self }
}
