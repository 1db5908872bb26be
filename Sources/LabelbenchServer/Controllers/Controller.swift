import LabelbenchCore

/// A controller whose handlers reach the database and the page renderer through the app's services.
protocol Controller {
    var services: AppServices { get }
}

extension Controller {
    var database: AppDatabase { services.database }
    var renderer: PageRenderer { services.renderer }
}
