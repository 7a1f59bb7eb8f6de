from app.inference.lexicon.text import Token, spellings, tokenize


def test_tokenize_normalises_case_and_apostrophes() -> None:
    assert tokenize("Don\u2019t SHOUT, ok?!") == [
        Token(text="dont", shouted=False, is_break=False),
        Token(text="shout", shouted=True, is_break=False),
        Token(text=",", shouted=False, is_break=True),
        Token(text="ok", shouted=False, is_break=False),
        Token(text="?!", shouted=False, is_break=True),
    ]


def test_single_capital_letters_are_not_shouting() -> None:
    assert [token.shouted for token in tokenize("I am A ok")] == [False, False, False, False]


def test_spellings_shorten_held_down_letters() -> None:
    assert spellings("sooo")[:3] == ["sooo", "soo", "so"]
    assert "happy" in spellings("happpy")


def test_spellings_drop_common_inflections() -> None:
    assert "blame" in spellings("blamed")
    assert "annoy" in spellings("annoying")
    assert "hate" in spellings("hates")


def test_short_words_keep_their_ending() -> None:
    assert spellings("need") == ["need", "ned"]
