"""Which language a transcription model can hear, said plainly.

A question bank declares its language (`language: en`); answers to it are transcribed in that language.
The English-only models (tiny.en and the other ".en") hear English only; the multilingual base hears any
of Whisper's 99 languages. Word error rates differ a lot by language (OpenAI's Whisper paper, Fleurs):
the common European languages come out best.
"""

from __future__ import annotations

from app.speech.whisper_models import KNOWN_MODELS

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "de": "German",
    "fr": "French",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "cs": "Czech",
    "ro": "Romanian",
    "hu": "Hungarian",
    "el": "Greek",
    "tr": "Turkish",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
    "hi": "Hindi",
    "ja": "Japanese",
    "ko": "Korean",
    "zh": "Chinese",
    "id": "Indonesian",
    "vi": "Vietnamese",
}

MULTILINGUAL_MODEL = "base"
"""The built-in model that hears other languages than English."""


def language_name(code: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else f"the language '{code}'"


def whisper_languages() -> frozenset[str]:
    """The language codes Whisper knows (faster-whisper's list)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    return frozenset(_LANGUAGE_CODES)


def language_problem(model: str, language: str, engine: str = "whisper") -> tuple[str, str] | None:
    """(message, what to do) when answers in `language` cannot be transcribed with `model`, else None."""
    language = (language or "en").lower()
    if language == "en":
        return None
    if engine != "whisper":
        return (
            f"The questions are in {language_name(language)}, but the pocketsphinx engine hears "
            "English only.",
            f"Use the Whisper engine with the {MULTILINGUAL_MODEL} model.",
        )
    if language not in whisper_languages():
        return (
            f"The question bank's language '{language}' is not a language the speech models know.",
            "Give the bank a two-letter language code Whisper knows (for example es, de, fr) and try again.",
        )
    info = KNOWN_MODELS.get(model)
    if info is not None and not info.multilingual:
        return (
            f"The questions are in {language_name(language)}, but the speech model {model} understands "
            "English only.",
            f"Choose the built-in {MULTILINGUAL_MODEL} model (it understands {language_name(language)}) in "
            "Settings > Transcription model, then start the session again.",
        )
    return None
