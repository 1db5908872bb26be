import LabelbenchCore

/// What the layout needs on every page: title, who is signed in, and the CSRF token for the logout form.
struct Chrome {
    let title: String
    let userName: String?
    let csrf: String?
    let isManager: Bool
    let isAdmin: Bool
    let signedIn: Bool

    init(title: String, context: AppRequestContext) {
        self.title = title
        userName = context.user?.name
        csrf = context.csrfToken
        isManager = context.user?.role.canManageTasks ?? false
        isAdmin = context.user?.role == .admin
        signedIn = context.user != nil
    }
}
