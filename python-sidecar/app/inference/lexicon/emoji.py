"""Emoji and text emoticons as mood cues. VADER reads emoji only as positive or negative;
these say which feeling. Weights follow the scale of words.py."""

import re

from app.inference.lexicon.words import Emotion

EMOJI: dict[str, dict[Emotion, float]] = {
    # happy
    "😀": {"happy": 0.9}, "😃": {"happy": 0.9}, "😄": {"happy": 0.9}, "😁": {"happy": 0.9},
    "😆": {"happy": 0.9}, "😊": {"happy": 0.8}, "🙂": {"happy": 0.4}, "☺": {"happy": 0.8},
    "😍": {"happy": 1.0}, "🥰": {"happy": 1.0}, "😘": {"happy": 0.8}, "😻": {"happy": 0.9},
    "😂": {"happy": 0.8}, "🤣": {"happy": 0.8}, "😹": {"happy": 0.8}, "😎": {"happy": 0.6},
    "🤩": {"happy": 1.0}, "🥳": {"happy": 1.0}, "🎉": {"happy": 0.9}, "🎊": {"happy": 0.9},
    "🙌": {"happy": 0.7}, "👍": {"happy": 0.3}, "✨": {"happy": 0.4}, "🤗": {"happy": 0.7},
    "😋": {"happy": 0.7}, "❤": {"happy": 0.7}, "♥": {"happy": 0.7}, "💕": {"happy": 0.8},
    "💖": {"happy": 0.8}, "💗": {"happy": 0.8}, "💯": {"happy": 0.5}, "🔥": {"happy": 0.4},
    # sad
    "😢": {"sad": 1.0}, "😭": {"sad": 0.9}, "😞": {"sad": 0.9}, "😔": {"sad": 0.9},
    "😿": {"sad": 0.9}, "💔": {"sad": 1.0}, "🥺": {"sad": 0.7}, "☹": {"sad": 0.8},
    "🙁": {"sad": 0.7}, "😥": {"sad": 0.8}, "😪": {"sad": 0.6}, "😓": {"sad": 0.5},
    "🥀": {"sad": 0.6}, "😩": {"sad": 0.5, "angry": 0.2},
    # angry
    "😠": {"angry": 1.0}, "😡": {"angry": 1.0}, "🤬": {"angry": 1.0}, "👿": {"angry": 0.9},
    "💢": {"angry": 0.9}, "😤": {"angry": 0.8}, "🖕": {"angry": 1.0}, "🙄": {"angry": 0.4, "disgusted": 0.3},
    "😒": {"angry": 0.4, "disgusted": 0.3},
    # surprised
    "😮": {"surprised": 1.0}, "😯": {"surprised": 1.0}, "😲": {"surprised": 1.0},
    "😳": {"surprised": 0.8}, "🤯": {"surprised": 1.0}, "😦": {"surprised": 0.6},
    "‼": {"surprised": 0.5}, "⁉": {"surprised": 0.9}, "👀": {"surprised": 0.4},
    "🙀": {"surprised": 0.6, "scared": 0.5},
    # scared
    "😨": {"scared": 1.0}, "😰": {"scared": 1.0}, "😱": {"scared": 0.8, "surprised": 0.5},
    "😧": {"scared": 0.7, "surprised": 0.3}, "😬": {"scared": 0.5}, "🫣": {"scared": 0.8},
    "👻": {"scared": 0.6}, "😟": {"scared": 0.6, "sad": 0.3}, "😖": {"scared": 0.3, "disgusted": 0.3},
    # disgusted
    "🤢": {"disgusted": 1.0}, "🤮": {"disgusted": 1.0}, "💩": {"disgusted": 0.5},
    "🤧": {"disgusted": 0.2},
}

# Text emoticons, matched only where they stand alone (not inside a word or URL).
_EMOTICON_PATTERNS: list[tuple[str, dict[Emotion, float]]] = [
    (r">:-?[(\[]", {"angry": 1.0}),
    (r"[:=]-?\)+|;-?\)|\^_*\^|:-?3|\(:", {"happy": 0.7}),
    (r"[:=]-?D+|[xX]D+", {"happy": 0.8}),
    (r"<3+", {"happy": 0.7}),
    (r"</3", {"sad": 1.0}),
    (r"[:=]'-?\(+", {"sad": 1.0}),
    (r"[:=]-?\(+|[:=]-?\[|T_T|;_;", {"sad": 0.8}),
    (r"[:=]-?[oO0]|o_O|O_o|0_0|o\.O|O\.o", {"surprised": 0.8}),
    (r"D:", {"scared": 0.6}),
    (r"[:=]-?[/\\]", {"sad": 0.3}),
]

EMOTICONS: list[tuple[re.Pattern[str], dict[Emotion, float]]] = [
    (re.compile(rf"(?<!\S)(?:{pattern})(?!\S)"), cues) for pattern, cues in _EMOTICON_PATTERNS
]
