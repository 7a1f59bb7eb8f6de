"""Curated word and phrase cues for the six non-neutral moods, written from general knowledge.

Weights: about 1.0 for a word that names the feeling outright ("furious", "terrified"), 0.5-0.8
for a strong hint, 0.2-0.4 for a weak one. A term may cue several moods ("wtf" is anger or
surprise). Terms are lower case with apostrophes removed ("cant", "im"), the way the tokenizer
normalises chat text; phrases are space-separated tokens; a trailing "*" matches any word that
starts with the stem ("terrif*" covers terrified, terrifying, terrifies).

General valence (great, awful, ...) comes from VADER; these lists add what VADER cannot tell:
*which* negative (or surprised) feeling a line carries, plus chat slang it does not know.
"""

from typing import Literal

Emotion = Literal["happy", "sad", "angry", "surprised", "scared", "disgusted"]

HAPPY: dict[str, float] = {
    "happy": 1.0, "glad": 0.8, "joy": 0.9, "joyful": 1.0, "excited": 0.9, "exciting": 0.7,
    "thrilled": 1.0, "ecstatic": 1.0, "delighted": 1.0, "overjoyed": 1.0, "cheerful": 0.8,
    "stoked": 1.0, "hyped": 0.9, "pumped": 0.8, "psyched": 0.9, "elated": 1.0, "blessed": 0.7,
    "grateful": 0.7, "thankful": 0.7, "proud": 0.7, "love": 0.7, "loving": 0.6, "loved": 0.6,
    "lovely": 0.6, "awesome": 0.6, "amazing": 0.6, "fantastic": 0.7, "wonderful": 0.7,
    "great": 0.4, "perfect": 0.5, "best": 0.4, "fun": 0.6, "enjoy*": 0.6, "celebrat*": 0.7,
    "congrat*": 0.8, "yay": 1.0, "yey": 0.9, "woohoo": 1.0, "wohoo": 1.0, "woo": 0.6,
    "hooray": 1.0, "hurray": 1.0, "woot": 0.8, "yess": 0.7,
    "haha*": 0.6, "hehe*": 0.5, "lol": 0.4, "lmao": 0.5, "lmfao": 0.5, "rofl": 0.6,
    "smile": 0.5, "smiling": 0.6, "laughing": 0.6, "lit": 0.5, "nice": 0.3,
    "cool": 0.2, "sweet": 0.4, "yummy": 0.5, "delicious": 0.5, "win": 0.4, "won": 0.5,
    "winning": 0.5, "finally": 0.3, "beautiful": 0.5, "cute": 0.5, "adorable": 0.6,
    "cant wait": 1.0, "lets go": 0.8, "lets goo": 0.9, "best day": 1.0, "made my day": 1.0,
    "so good": 0.6, "feel good": 0.6, "feeling good": 0.6, "good news": 0.8, "in love": 0.8,
    "over the moon": 1.0, "on cloud nine": 1.0, "love it": 0.8, "love this": 0.8,
    "love you": 0.7, "thank you": 0.4, "thanks": 0.3, "ty": 0.2, "nailed it": 0.9,
    "passed": 0.4, "got the job": 1.0, "good vibes": 0.8,
}

SAD: dict[str, float] = {
    "sad": 1.0, "sadly": 0.7, "unhappy": 0.9, "depressed": 1.0, "depressing": 0.9,
    "depression": 0.8, "miserable": 1.0, "heartbroken": 1.0, "heartbreaking": 1.0,
    "devastated": 1.0, "gutted": 0.9, "crushed": 0.8, "lonely": 1.0, "alone": 0.5,
    "lonesome": 0.9, "homesick": 0.9, "miss": 0.6, "missing": 0.4, "missed": 0.4, "cry": 0.9,
    "crying": 1.0, "cried": 0.9, "cries": 0.8, "tears": 0.8, "teary": 0.8, "sob": 0.9,
    "sobbing": 1.0, "grief": 1.0, "grieving": 1.0, "mourning": 1.0, "funeral": 0.9,
    "passed away": 1.0, "died": 0.8, "rip": 0.8, "loss": 0.6, "lost": 0.4, "hurts": 0.6,
    "hurt": 0.5, "pain": 0.5, "painful": 0.6, "down": 0.3, "blue": 0.2, "gloomy": 0.8,
    "bummed": 0.9, "bummer": 0.7, "disappointed": 0.8, "disappointing": 0.7,
    "disappointment": 0.8, "let down": 0.8, "hopeless": 0.9, "worthless": 0.8, "empty": 0.6,
    "numb": 0.6, "sorrow": 1.0, "regret": 0.6, "unfortunately": 0.5, "sorry": 0.3,
    "sigh": 0.5, "sucks": 0.4, "failed": 0.5, "rejected": 0.7, "dumped": 0.8,
    "broke up": 0.9, "breakup": 0.8, "nobody": 0.4, "no one": 0.4, "wish": 0.2,
    "broke my heart": 1.0, "feel like crap": 0.8, "feeling down": 1.0, "feel down": 1.0,
    "not the same": 0.5, "give up": 0.6, "tired of everything": 0.9, "exhausted": 0.3,
    "cancelled": 0.4, "canceled": 0.4, "sick": 0.2, "worst day": 0.6,
}

ANGRY: dict[str, float] = {
    "angry": 1.0, "anger": 1.0, "mad": 0.8, "furious": 1.0, "livid": 1.0, "enraged": 1.0,
    "rage": 1.0, "raging": 0.9, "pissed": 1.0, "annoy*": 0.8, "irritat*": 0.8,
    "infuriat*": 1.0, "frustrat*": 0.7, "outraged": 1.0, "outrageous": 0.8, "hate": 0.9,
    "hated": 0.8, "hates": 0.8, "hating": 0.8, "despise": 1.0, "loathe": 0.9,
    "stupid": 0.6, "idiot": 0.8, "idiots": 0.8, "moron": 0.8, "dumb": 0.5, "ridiculous": 0.6,
    "unacceptable": 0.8, "unfair": 0.6, "rude": 0.6, "liar": 0.8, "lied": 0.6, "cheated": 0.6,
    "scam": 0.6, "useless": 0.6, "worst": 0.5, "trash": 0.4, "garbage": 0.4, "damn": 0.4,
    "dammit": 0.7, "goddamn": 0.6, "wtf": 0.5, "ffs": 0.9, "smh": 0.6, "bs": 0.6,
    "bullshit": 0.8, "fuck": 0.6, "fucking": 0.3, "shit": 0.3, "ugh": 0.4, "argh": 0.7,
    "grr": 0.8, "grrr": 0.9, "screw": 0.5, "screw you": 1.0, "shut up": 0.9,
    "fed up": 1.0, "sick of": 0.9, "sick and tired": 1.0, "tired of": 0.6, "done with": 0.5,
    "cant stand": 0.9, "pisses me off": 1.0, "drives me crazy": 0.8, "how dare": 1.0,
    "ripped off": 0.8, "blame": 0.4, "yelling": 0.6, "yelled": 0.6, "screaming": 0.4,
    "fight": 0.4, "kill": 0.4, "seriously": 0.2, "last time": 0.3, "for the last time": 0.8,
    "again": 0.1, "ruined": 0.5, "waste": 0.4, "insult*": 0.7, "disrespect*": 0.8,
    "fuming": 1.0, "hostile": 0.6, "boils my blood": 1.0, "losing my temper": 1.0,
}

SURPRISED: dict[str, float] = {
    "surprised": 1.0, "surprise": 0.8, "surprising": 0.9, "shocked": 1.0, "shocking": 0.9,
    "shock": 0.8, "astonish*": 1.0, "amazed": 0.8, "stunned": 0.9, "speechless": 0.8,
    "unexpected": 0.8, "unexpectedly": 0.8, "unbelievable": 0.8, "incredible": 0.5,
    "omg": 0.7, "omfg": 0.8, "oh my god": 0.8, "oh my gosh": 0.8, "oh my": 0.6,
    "wow": 0.7, "woah": 0.8, "whoa": 0.8, "whoah": 0.8, "wha": 0.6, "whaat": 0.9,
    "what": 0.1, "wait": 0.3, "wait what": 1.0, "no way": 0.9, "cant believe": 1.0,
    "cannot believe": 1.0, "i dont believe it": 0.8, "didnt expect": 1.0,
    "didnt see that coming": 1.0, "out of nowhere": 0.8, "plot twist": 1.0, "who knew": 0.7,
    "since when": 0.8, "holy": 0.5, "holy shit": 0.9, "holy cow": 1.0, "holy moly": 1.0,
    "jeez": 0.5, "geez": 0.5, "dang": 0.3, "really": 0.1, "suddenly": 0.5, "mind blown": 1.0,
    "blew my mind": 1.0, "mindblown": 1.0, "jaw dropped": 1.0, "jaw drop": 1.0,
    "for real": 0.4, "fr": 0.2, "is that true": 0.6, "are you serious": 0.8,
    "you serious": 0.6, "wtf": 0.4, "whoa there": 0.5, "huh": 0.4, "wut": 0.6, "what the": 0.5,
    "out of the blue": 0.9, "never expected": 1.0, "didnt know": 0.4,
}

SCARED: dict[str, float] = {
    "scared": 1.0, "scary": 0.9, "scare*": 0.8, "afraid": 1.0, "fear": 0.9, "fearful": 1.0,
    "terrif*": 1.0, "frighten*": 1.0, "frightful": 0.9, "petrified": 1.0, "horrified": 0.8,
    "nervous": 0.8, "anxious": 0.9, "anxiety": 0.9, "worried": 0.8, "worry": 0.7,
    "worrying": 0.7, "panic*": 1.0, "creepy": 0.8, "spooky": 0.7, "eerie": 0.8, "dread": 0.9,
    "dreading": 0.9, "nightmare": 0.7, "horror": 0.6, "freaking out": 0.9,
    "freaked out": 0.8, "freak out": 0.7, "shaking": 0.6, "trembling": 0.8, "shivers": 0.5,
    "chills": 0.4, "help": 0.4, "somebody help": 0.9, "what if": 0.5, "danger": 0.7,
    "dangerous": 0.6, "unsafe": 0.8, "threat": 0.6, "emergency": 0.6, "intruder": 0.9,
    "break in": 0.7, "someone is": 0.2, "following me": 0.9, "noise": 0.3, "noises": 0.4,
    "footsteps": 0.6, "ghost": 0.6, "haunted": 0.7, "hide": 0.4, "hiding": 0.5,
    "yikes": 0.5, "uh oh": 0.6, "oh no": 0.4, "heart is pounding": 1.0,
    "heart pounding": 1.0, "cant breathe": 0.7, "hope not": 0.4, "in the dark": 0.4,
    "pls no": 0.4, "too afraid": 1.0, "on edge": 0.8, "jumpy": 0.7, "paranoid": 0.8,
    "uneasy": 0.7, "tense": 0.4, "spider": 0.4, "spiders": 0.4, "storm": 0.2,
    "lock the door": 0.7, "phobia": 0.8, "trapped": 0.7,
}

DISGUSTED: dict[str, float] = {
    "disgust*": 1.0, "gross": 1.0, "grossed out": 1.0, "ew": 1.0, "eww": 1.0, "ewe": 0.6,
    "yuck": 1.0, "yuk": 0.9, "yucky": 1.0, "ick": 0.9, "icky": 0.9, "bleh": 0.6,
    "blegh": 0.8, "blech": 0.9, "nasty": 0.9, "vile": 1.0, "revolting": 1.0,
    "repulsive": 1.0, "repuls*": 0.9, "sickening": 0.9, "nause*": 0.9, "puke": 0.9,
    "puked": 0.8, "vomit*": 0.9, "barf": 0.9, "gag": 0.7, "gagging": 0.9,
    "throw up": 0.8, "rotten": 0.8, "rotting": 0.9, "moldy": 0.9, "mouldy": 0.9, "mold": 0.6,
    "stink*": 0.8, "smells": 0.5, "smelly": 0.7, "reeks": 0.9, "stench": 0.9, "slimy": 0.8,
    "greasy": 0.5, "filthy": 0.8, "filth": 0.8, "dirty": 0.5, "grimy": 0.7, "sticky": 0.3,
    "cockroach": 0.8, "roach": 0.6, "roaches": 0.8, "maggots": 1.0, "rats": 0.5, "hair in": 0.6,
    "cringe": 0.6, "cringey": 0.6, "creep": 0.5, "pervert": 0.8, "sleazy": 0.8, "vulgar": 0.7,
    "trash": 0.3, "garbage": 0.3, "ugh": 0.3, "sewage": 0.8, "toilet": 0.3, "spit": 0.4,
    "sweaty": 0.4, "expired": 0.5, "sour": 0.3, "crusty": 0.6, "pee": 0.3, "poop": 0.4,
    "turns my stomach": 1.0, "makes me sick": 0.9, "cant unsee": 0.9, "shameful": 0.6,
    "disgrace": 0.6, "eating with their mouth open": 0.9, "chewing loudly": 0.6,
}

EMOTION_WORDS: dict[Emotion, dict[str, float]] = {
    "happy": HAPPY,
    "sad": SAD,
    "angry": ANGRY,
    "surprised": SURPRISED,
    "scared": SCARED,
    "disgusted": DISGUSTED,
}

NEGATORS: frozenset[str] = frozenset(
    {
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "cannot",
        "couldnt", "wont", "wouldnt", "shouldnt", "aint", "havent", "hasnt", "hadnt",
        "hardly", "barely", "nah", "nope",
    }
)

# Multipliers for the emotion word that follows (within two tokens).
INTENSIFIERS: dict[str, float] = {
    "so": 1.4, "very": 1.4, "really": 1.3, "super": 1.5, "extremely": 1.6, "totally": 1.4,
    "absolutely": 1.5, "completely": 1.4, "utterly": 1.6, "incredibly": 1.5, "too": 1.3,
    "such": 1.3, "soo": 1.5, "sooo": 1.6, "mega": 1.4, "hella": 1.5, "fucking": 1.5,
    "freaking": 1.4, "frickin": 1.4, "damn": 1.3, "literally": 1.2, "seriously": 1.2,
    "insanely": 1.6, "most": 1.3, "truly": 1.3, "deeply": 1.5, "beyond": 1.4,
    "kinda": 0.6, "kind": 0.7, "sorta": 0.6, "slightly": 0.5, "somewhat": 0.6, "bit": 0.6,
    "little": 0.6, "mildly": 0.5, "fairly": 0.8,
}
