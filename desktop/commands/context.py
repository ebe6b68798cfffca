"""What every command shares: the template registry and the store, opened once, on demand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.templates import TemplateRegistry

if TYPE_CHECKING:
    from db.store import Store


class UserError(Exception):
    """A refusal to show the user (Korean), with the exit code: 2 = unusable input, nothing changed."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class Context:
    def __init__(self, db: str | None = None, template_dirs: list[str] | None = None) -> None:
        self.db = db
        self.template_dirs = [Path(d) for d in (template_dirs or [])]
        self._registry: TemplateRegistry | None = None
        self._store: Store | None = None

    @property
    def registry(self) -> TemplateRegistry:
        if self._registry is None:
            from desktop.core.paths import user_templates_dir

            for d in self.template_dirs:
                if not d.is_dir():
                    raise UserError(f"템플릿 폴더가 없습니다: '{d}'")
            self._registry = TemplateRegistry.load(self.template_dirs, user_templates_dir())
        return self._registry

    @property
    def store(self) -> Store:
        if self._store is None:
            from db.actor import Actor
            from db.store import Store, StoreError
            from desktop.core.officer import read_officer

            try:
                self._store = Store.open(self.db, registry=self.registry)
            except StoreError as exc:
                raise UserError(str(exc)) from None
            officer = read_officer()  # 이름 and 부서 from the settings: "who" in the history
            self._store.actor = Actor(officer.name, officer.dept)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
