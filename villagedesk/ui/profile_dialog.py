"""The village profile form: who keeps these records; every printout carries it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from villagedesk.core.common import ids
from villagedesk.core.common.village import Profile, get_profile, save_profile
from villagedesk.store import Store
from villagedesk.ui.kit.dialogs import FormDialog


class ProfileDialog(FormDialog):
    form_file = "profile_form.ui"
    fields = ("name", "code", "township", "county", "clerk", "phone")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(store, parent)
        profile = get_profile(store)
        if profile is not None:
            self.set_values(vars(profile))
        self.field("code").textChanged.connect(self._check_code)
        self._check_code(self.field("code").text())

    def _check_code(self, text: str) -> None:
        hint: QLabel = self.form.findChild(QLabel, "code_hint")
        code = text.strip().upper()
        if len(code) == 18:
            problem = ids.uscc_problem(code)
            hint.setText(problem or self.tr("The code is valid."))
        else:
            hint.setText(self.tr("The code has 18 characters; %n entered.", "", len(code)))

    def save(self, values: dict[str, str]) -> Profile:
        return save_profile(self.store, Profile(**values))
