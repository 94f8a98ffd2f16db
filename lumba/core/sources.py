"""The register of evidence sources that rules and cards cite by code."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SourceCode = Annotated[str, StringConstraints(pattern=r"^S[0-9]+[a-z]?$")]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: SourceCode
    title: Annotated[str, Field(min_length=5)]
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

    def citation(self) -> str:
        """One line a person can follow: the title and where to read it."""
        return f"{self.title} {self.url}"
