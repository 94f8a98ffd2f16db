"""Clinical review metadata carried by every rule and advice card."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

ReviewStatus = Literal["draft", "approved"]


class Review(BaseModel):
    """Who approved a piece of clinical content, and when; draft until a clinician has."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: ReviewStatus = "draft"
    reviewer: str | None = None
    date: dt.date | None = None

    @model_validator(mode="after")
    def _approval_is_signed(self) -> Review:
        if self.status == "approved" and (not self.reviewer or self.date is None):
            raise ValueError("an approved review needs the reviewer and the date")
        return self

    @property
    def approved(self) -> bool:
        return self.status == "approved"
