from app.inference.linear.features import ngrams, normalise, tokens


def test_normalise_lowers_cuts_held_down_letters_and_drops_emoji_modifiers() -> None:
    assert normalise("SOOOO Happyyyy") == "soo happyy"
    assert normalise("👍🏽 ok") == "👍 ok"  # skin tone gone
    assert normalise("Don\u2019t") == "don't"


def test_tokens_split_words_punctuation_runs_and_emoji() -> None:
    assert tokens("Don't!!! you dare?! 😡😡") == ["dont", "!!", "you", "dare", "?!", "😡", "😡"]
    assert tokens("wait..... what??") == ["wait", "..", "what", "??"]  # held-down dots cut to two too
    assert tokens(":( ok :-D <3 </3 :'(") == [":(", "ok", ":-d", "<3", "</3", ":("]
    assert tokens("at 10:30 (room 3)") == ["at", "10", ":", "30", "room", "3"]  # times are no emoticons


def test_words_after_a_negation_are_marked_until_the_clause_ends() -> None:
    names = list(ngrams("not happy at all, but fine"))

    assert "neg:happy" in names and "neg:all" in names
    assert "neg:fine" not in names and "w:fine" in names
    assert "w:happy" in names  # the plain word is kept too


def test_bigrams_have_line_boundaries_and_char_ngrams_stay_inside_words() -> None:
    names = set(ngrams("so happy"))

    assert {"b:<s> so", "b:so happy", "b:happy </s>"} <= names
    assert {"c: h", "c:ha", "c:happy", "c:ppy "} <= names
    assert not any(name.startswith("c:") and "o h" in name for name in names)  # no n-gram spans two words


def test_an_empty_line_has_no_features() -> None:
    assert list(ngrams("   ")) == []
