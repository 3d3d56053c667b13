"""What every page gets from the application: settings, the background runner, the database and the models.

Passed explicitly to each page's constructor (no global registry). The database may be None when it could
not be opened; pages then say so instead of crashing (the application already showed the reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.gui.settings.keys import Settings
from app.gui.tasks import TaskRunner
from app.session.analyse import AnalysisServices
from app.session.store import Database


@dataclass
class AppContext:
    settings: Settings
    runner: TaskRunner
    services: AnalysisServices
    database: Database | None
    # Pages register what must happen when the window closes (stop a recording, a preview...).
    close_hooks: list[Callable[[], None]] = field(default_factory=list)
    # Set by the application once the window exists: show another page by its title ("Review"...).
    show_page: Callable[[str], None] = lambda _title: None
    # Set by the application: open a stored session in Review (after a practice session, an import).
    show_session: Callable[[str], None] = lambda _session_id: None
    # Pages that change stored sessions call this so Review and History can refresh.
    sessions_changed: list[Callable[[], None]] = field(default_factory=list)
    # Dialogs that create, edit, import or delete question banks call this so the setup page reloads them.
    banks_changed: list[Callable[[], None]] = field(default_factory=list)

    def notify_sessions_changed(self) -> None:
        for callback in list(self.sessions_changed):
            callback()

    def notify_banks_changed(self) -> None:
        for callback in list(self.banks_changed):
            callback()
