"""Alembic environment: run inside the kiosk with the connection it hands over."""

from __future__ import annotations

from alembic import context

import kiosk.printing.models  # noqa: F401  (the print_jobs table in the metadata)
from kiosk.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from pathlib import Path

        from kiosk.store.db import make_engine

        engine = make_engine(Path(config.get_main_option("kiosk.database") or "kiosk.db"))
        with engine.connect() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
