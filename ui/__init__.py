"""The Qt front end: the main window, its views, the Qt item models over `model/`, undo
commands, the background loader, settings and translations. Only this package imports Qt."""
