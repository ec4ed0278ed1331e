"""The web UI and JSON API: `create_app(db) -> Starlette`, served by `qpq serve`."""

from quidproquo.web.app import create_app

__all__ = ["create_app"]
