"""The one way the window runs long work (exports, packages, big prints, imports).

Modelled on Anki's ``CollectionOp``/``QueryOp``: a page hands :func:`run_job` a
plain function and a success callback::

    def _export(self) -> None:
        db_path, key, out = self.store.path, self.store.key, Path(chosen)

        def job(progress):                       # runs on a worker thread
            with open_store(db_path, write=False, key=key) as reader:
                return excel.export_workbook(reader, out, progress=progress)

        run_job(self, self.tr("Export to Excel"), job,
                on_done=lambda counts: self.show_exported(out, counts),   # on the GUI thread
                label=self.tr("Writing the workbook…"))

What happens:

* ``job(progress)`` runs on a thread of ``QThreadPool.globalInstance()``; it must
  not touch any widget.  ``progress(done, total)`` is cheap (it stores two
  numbers; the dialog reads them a few times a second), so call it as often as
  you like; ``total <= 0`` shows a busy bar.  Once the user pressed Cancel, the
  next ``progress`` call raises :class:`villagedesk.errors.Cancelled`, which ends
  the job quietly.  A job that never calls ``progress`` cannot be cancelled, and
  one that finishes although Cancel was pressed still delivers its result (the
  work is done; hiding that would be worse).  A job that writes should call
  ``progress`` once more just before it commits.
* A window-modal ``QProgressDialog`` appears only if the job takes longer than
  :data:`SHOW_DELAY_MS`; quick jobs never flash a dialog.
* On success ``on_done(result)`` is called on the GUI thread.
* :class:`~villagedesk.errors.UserError` (from the job or from ``on_done``) is
  shown in ``QMessageBox.warning`` with its Chinese message, titled with the
  job's ``title``; ``Cancelled`` closes quietly; anything else is a bug: it is
  logged with its traceback and shown in ``QMessageBox.critical`` as an
  unexpected error with the exception text.  Never silent, never a crash.

The database from a worker thread
---------------------------------
Open what the job needs *inside* the job.  A job that only reads opens its own
reader, ``open_store(path, write=False, key=store.key)`` (no lock, WAL lets it read while the
window keeps its connection), and closes it when done (``with`` block).  A job
that writes cannot open a second writer (the lock file refuses it, even in the
same process); it uses the window's own ``Store``, whose connection is opened
with ``check_same_thread=False`` for exactly this case, and relies on the modal
dialog to keep the window from using the store meanwhile.  Never hand a Qt
object (widget, model, QPdfDocument of the window) to a job.

``title`` and ``label`` are shown as given: pass strings already translated with
``self.tr()``.  The window stays usable for the first :data:`SHOW_DELAY_MS`, so
disable the button that started a job until ``job.finished`` if a second click
would do harm.  :func:`run_job` returns the :class:`Job`; tests wait for it with
``job.wait()`` or ``qtbot.waitSignal(job.finished)``.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget

from villagedesk.errors import Cancelled, UserError

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], None]

#: The progress dialog appears only when a job runs longer than this.
SHOW_DELAY_MS = 300
#: How often the shown dialog reads the job's latest progress.
_POLL_MS = 100
#: The bar always runs 0..this, so totals beyond a C int (bytes) cannot overflow it.
_BAR_MAX = 1000

# Jobs still running or delivering, so nothing is collected under a worker's feet.
_active: set[Job] = set()



class Job(QObject, Generic[T]):
    """One running job: its progress dialog, its outcome and a ``finished`` signal.

    ``state`` goes ``"running"`` → ``"done"`` / ``"failed"`` / ``"cancelled"``;
    ``result`` holds what the job returned and ``error`` what it raised.
    ``finished`` is emitted once, after ``on_done`` or the message box.
    """

    finished = Signal()

    # Worker thread → GUI thread (queued: this object lives on the GUI thread).
    _succeeded = Signal(object)
    _raised = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        job: Callable[[Progress], T],
        on_done: Callable[[T], Any],
        label: str = "",
    ):
        super().__init__()  # no parent: its life must not hang on the widget's
        self.title = title
        self.state = "running"
        self.result: T | None = None
        self.error: BaseException | None = None
        self._parent = parent
        self._job = job
        self._on_done = on_done
        self._cancel = threading.Event()
        # Written by the worker, read by the GUI thread; one tuple store is atomic.
        self._latest: tuple[int, int] = (0, 0)

        self._bar = QProgressBar()
        self._bar.setRange(0, 0)  # busy until the job reports a total
        self.dialog = QProgressDialog(parent)
        self.dialog.setBar(self._bar)  # values go to the bar: QProgressDialog.setValue would re-enter the loop
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(label or title)
        self.dialog.setCancelButtonText(QCoreApplication.translate("Workers", "Cancel"))
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.setMinimumDuration(2**31 - 1)  # we decide when it shows, not Qt's estimate
        # QProgressDialog starts its own 4 s show timer when it is made, and setMinimumDuration
        # restarts it only while the bar sits at its minimum (a busy bar never does): left
        # running, it pops the dialog up modally over whatever on_done opened (a print preview
        # shown with exec()) long after a quick job ended.  reset() is what stops that timer.
        self.dialog.reset()
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
        self.dialog.canceled.connect(self._on_canceled)
        self.dialog.hide()

        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(_POLL_MS)
        self._poll_timer.timeout.connect(self._update_bar)

        self._succeeded.connect(self._on_succeeded)
        self._raised.connect(self._on_raised)

    # -- public ---------------------------------------------------------

    @property
    def is_finished(self) -> bool:
        return self.state != "running"

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next ``progress`` call (what Cancel does)."""
        self._cancel.set()

    def wait(self, timeout: float = 10.0) -> bool:
        """Run the event loop until the job is finished (for tests); False on timeout."""
        if self.is_finished:
            return True
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        timer = QTimer(loop)  # dies with the loop: no stray quit later
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(int(timeout * 1000))
        loop.exec()
        self.finished.disconnect(loop.quit)
        return self.is_finished

    # -- worker thread --------------------------------------------------

    def _progress(self, done: int, total: int) -> None:
        """The callback handed to the job; runs on the worker thread."""
        if self._cancel.is_set():
            raise Cancelled()
        self._latest = (int(done), int(total))

    def _run(self) -> None:
        try:
            result = self._job(self._progress)
        except BaseException as exc:  # noqa: BLE001 - every outcome goes back to the GUI thread
            self._emit(self._raised, exc)
        else:
            self._emit(self._succeeded, result)

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the application is gone; nobody is left to tell
            log.warning("job finished after its window was destroyed")

    # -- GUI thread -----------------------------------------------------

    def _start(self) -> None:
        _active.add(self)
        self._show_timer.start(SHOW_DELAY_MS)
        # Python collects cyclic garbage on whichever thread allocates past its thresholds. Should that be
        # the job's thread while widgets closed before wait in a cycle, Qt destroys them there and waits
        # for Python's lock, which the GUI thread holds while it waits for them: the window froze (a print
        # preview that never opened). What is garbage now is collected here, on the GUI thread, first.
        gc.collect()
        QThreadPool.globalInstance().start(_Runnable(self))

    @Slot()
    def _show_dialog(self) -> None:
        if self.state == "running" and not self._cancel.is_set() and shiboken6.isValid(self.dialog):
            self._update_bar()
            self.dialog.show()
            self._poll_timer.start()

    @Slot()
    def _on_canceled(self) -> None:
        self._cancel.set()

    @Slot()
    def _update_bar(self) -> None:
        if self.state != "running" or not shiboken6.isValid(self._bar):
            return
        done, total = self._latest
        if total <= 0:
            self._bar.setRange(0, 0)
        else:
            self._bar.setRange(0, _BAR_MAX)
            self._bar.setValue(max(0, min(_BAR_MAX, done * _BAR_MAX // total)))

    @Slot(object)
    def _on_succeeded(self, result: T) -> None:
        self.result = result
        self._close_dialog()
        try:
            self._on_done(result)
        except BaseException as exc:  # noqa: BLE001 - shown like an error of the job itself
            self._report(exc)
        else:
            self.state = "done"
        self._finish()

    @Slot(object)
    def _on_raised(self, exc: BaseException) -> None:
        self._close_dialog()
        self._report(exc)
        self._finish()

    def _report(self, exc: BaseException) -> None:
        self.error = exc
        parent = self._parent if self._parent is not None and shiboken6.isValid(self._parent) else None
        if isinstance(exc, Cancelled):
            self.state = "cancelled"
        elif isinstance(exc, UserError):
            self.state = "failed"
            QMessageBox.warning(parent, self.title, str(exc))
        else:
            self.state = "failed"
            log.error("unexpected error in job %r", self.title, exc_info=exc)
            text = QCoreApplication.translate("Workers", "An unexpected error stopped “{title}”:\n{error}\n\n"
                       "Please tell the person who looks after this program what you were doing.")
            QMessageBox.critical(
                parent, QCoreApplication.translate("Workers", "Unexpected error"),
                text.format(title=self.title, error=f"{type(exc).__name__}: {exc}"),
            )

    def _close_dialog(self) -> None:
        self._show_timer.stop()
        self._poll_timer.stop()
        if shiboken6.isValid(self.dialog):
            self.dialog.hide()
            self.dialog.deleteLater()

    def _finish(self) -> None:
        _active.discard(self)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


def run_job(
    parent: QWidget | None,
    title: str,
    job: Callable[[Progress], T],
    on_done: Callable[[T], Any],
    label: str = "",
) -> Job[T]:
    """Run ``job(progress)`` off the GUI thread; ``on_done(result)`` on it. See the module docs."""
    running = Job(parent, title, job, on_done, label)
    running._start()
    return running
