"""Text that people read, carried in every language it has been written in.

Content files give either a plain string (English) or a mapping of language
codes to strings; English is always required so every language can fall
back to reviewed English text.
"""

from __future__ import annotations

from typing import Any

from pydantic import RootModel, model_validator

DEFAULT_LANGUAGE = "en"


class LocalizedText(RootModel[dict[str, str]]):
    model_config = {"frozen": True}

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_english(cls, value: Any) -> Any:
        return {DEFAULT_LANGUAGE: value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _has_english(self) -> LocalizedText:
        if not self.root.get(DEFAULT_LANGUAGE, "").strip():
            raise ValueError("English text ('en') is required and must not be empty")
        for language, text in self.root.items():
            if not text.strip():
                raise ValueError(f"text for language {language!r} is empty")
        return self

    def get(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The text in ``language``, else its base language, else English.

        Language tags are matched without regard to case or to "_" for "-"
        (BCP 47): Django names Simplified Chinese "zh-hans", content "zh-Hans"."""
        root = self.root
        if language in root:
            return root[language]
        wanted = language.replace("_", "-").lower()
        for code, text in root.items():
            if code.lower() == wanted:
                return text
        return root.get(wanted.split("-")[0], root[DEFAULT_LANGUAGE])

    def languages(self) -> frozenset[str]:
        return frozenset(self.root)
