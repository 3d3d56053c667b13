"""The skills and duties a job posting names, read from its own lines (no lexicon needed).

Postings are mostly lists under headings: what you will do (duties) and what you need (requirements).
A duty line starts with a verb ("Install solar PV systems on domestic roofs"); a requirement line names
a tool, a field of knowledge, a kind of experience or a qualification ("Confident user of a warehouse
management system", "NVQ Level 3 in electrical installation"). Soft qualities ("excellent communication",
"calm under pressure") and availability ("able to work weekends") are left to the general questions.

Each item keeps the posting line it came from, so a question built from it can say why it was asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DUTY_HEADINGS = (
    "responsibilit",
    "duties",
    "what you'll do",
    "what you will do",
    "the role",
    "the job",
    "your role",
    "what the job involves",
    "main duties",
    "day to day",
    "day-to-day",
    "you will",
    "key tasks",
    "what you'll be doing",
    "the work",
)
REQUIREMENT_HEADINGS = (
    "requirement",
    "about you",
    "looking for",
    "skills",
    "you will have",
    "you'll have",
    "what you need",
    "person specification",
    "ideal candidate",
    "qualification",
    "you have",
    "essential",
    "desirable",
    "experience",
    "what we need",
    "you bring",
    "must have",
)
_BULLET = re.compile(r"^\s*(?:[-*•·‣▪◦]|\d+[.)])\s*")
_PAREN = re.compile(r"\s*\([^)]*\)")
# Words that open a requirement phrase without belonging to the skill itself.
_LEADS = re.compile(
    r"^(?:(?:a|an|the|some|any|good|strong|excellent|solid|proven|previous|prior|demonstrable|"
    r"significant|relevant|recent|extensive|advanced|sound|practical|hands-on|basic|"
    r"confident|at least (?:one|two|three|\w+) years?'?s? ?(?:of)?|\d+\+? years?'?s? ?(?:of)?|"
    r"(?:one|two|three|four|five|\d+) or more years?'?s?(?: in| of)?|"
    r"ideally|desirable|essential|valid|full|current)\s+)+",
    re.IGNORECASE,
)
_EXPERIENCE = re.compile(
    r"^(?:experience|working knowledge|knowledge|understanding|familiarity|proficiency|skills?|background|"
    r"a track record)"
    r"\s*(?:of|in|with|using|as|on)?\s+",
    re.IGNORECASE,
)
_USER_OF = re.compile(
    r"^(?:user|users)\s+of\s+|^(?:confident|comfortable|proficient|skilled)\s+(?:with|in|using)\s+",
    re.IGNORECASE,
)
_QUALIFICATION = re.compile(
    r"\b(?:licen[cs]e|certificate|certification|certified|qualification|qualified|card|nvq|level \d|"
    r"diploma|degree|edition|cpc|iosh|nebosh|cscs|dbs|ticket|registration|registered)\b",
    re.IGNORECASE,
)
_SOFT = re.compile(
    r"\b(?:communicat\w*|friendly|calm|reliab\w*|punctual\w*|organis\w*|organiz\w*|flexib\w*|attitude|manner|"
    r"team player|love of|passion\w*|kind|patient|patience|respectful|presented|motivated|positive|"
    r"enthusias\w*|attention to detail|able to work|willing\w*|availability|available|right to work|"
    r"timekeeping|caring|approach|a bonus|an advantage|welcome but|not essential|personality)\b",
    re.IGNORECASE,
)
# Verbs that open a duty line; a listed line starting with another word is not read as a duty.
_DUTY_VERBS_TEXT = """
    act administer advise allocate analyse analyze answer archive arrange assess assist attend audit
    book brief build calculate carry chase check clean close coach collaborate commission
    communicate complete conduct confirm contribute control cook coordinate cover create deal define
    deliver design develop drive ensure establish evaluate explain facilitate file fit follow
    forecast fault-find give greet guide hand handle help identify implement improve inspect install
    investigate involve keep lead liaise load maintain make manage mentor monitor motivate negotiate
    onboard open operate order organise organize own pack pick place plan prepare present process
    produce promote provide raise receive recognise recognize reconcile record recruit reduce repair
    report represent
    research resolve respond restock review run schedule serve set share source stock supervise
    support take test track train triage troubleshoot unload update upgrade upsell use welcome work
    write
"""
DUTY_VERBS = frozenset(_DUTY_VERBS_TEXT.split())
_SKIP_LINE = re.compile(
    r"^(?:salary|pay|hours|location|benefits|contract|closing date|to apply|we offer|we provide|you'll get|"
    r"you will get|on-target|ote|start date|package)\b",
    re.IGNORECASE,
)
_TRAILERS = re.compile(
    r"(?:\s+(?:is|are|would be|will be)\s+(?:desirable|essential|preferred|an advantage|a plus)|"
    r"\s*[,;]?\s*(?:welcome but not essential|welcome|desirable|essential|preferred|is a plus|a plus))"
    r"\s*\.?$",
    re.IGNORECASE,
)
_DOUBLE_TEXT = """
    plan run set get put cut ship stop shop chat map log fit sit win swap drop tip step
"""
_DOUBLE = frozenset(_DOUBLE_TEXT.split())
MAX_WORDS = 14
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PROSE_DUTY = re.compile(
    r"\byou(?:'ll| will)(?: also| be able to| get to)? ([a-z][a-z-]+[ ,][^.;!?]+)", re.IGNORECASE
)
_PROSE_EXPERIENCE = re.compile(
    r"\bexperience (?:with|in|of) ([^.;!?]+?)(?= is| are| would| will|[.;!?]|$)|"
    r"^([A-Za-z][\w -]{2,40}?) experience\b",
    re.IGNORECASE,
)
_PROSE_QUALIFICATION = re.compile(
    r"\b((?:an? |the )?[\w -]{0,40}?\b(?:qualification|certificate|licen[cs]e|card))\b[^.]*?"
    r"\b(?:required|preferred|essential|desirable|needed|must)",
    re.IGNORECASE,
)
# Names that keep their capital at the start of a phrase; any other capitalised first word is lowercased.
_NAMES_TEXT = """
    microsoft excel word outlook google sap oracle salesforce hubspot tableau looker power python
    sql linkedin opera sims xero sage quickbooks zendesk workday manhattan prince2 pmp cipd iosh
    nebosh cscs nvq level uk eu nhs gdpr haccp
"""
_NAMES = frozenset(_NAMES_TEXT.split())


@dataclass
class PostingItem:
    """One skill or duty the posting names."""

    kind: str  # "duty", "skill" (a tool, field or kind of experience) or "qualification"
    # as a question says it after "your experience" ("with a WMS", "installing solar PV systems"), or for a
    # duty in prose, as the posting said it ("you will bathe, dry and clip dogs")
    phrase: str
    subject: str  # the thing itself, without a leading preposition: "a WMS", "installing solar PV systems"
    line: str  # the posting line it came from, as written
    heading: str  # the heading it was listed under ("" when none)


def gerund(verb: str) -> str:
    """'manage' -> 'managing', 'plan' -> 'planning', 'fault-find' -> 'fault-finding'."""
    head, sep, last = verb.rpartition("-")
    word = last.lower()
    if word in ("be", "see", "agree", "free"):
        ing = word + "ing"
    elif word in _DOUBLE:
        ing = word + word[-1] + "ing"
    elif word.endswith("ie"):
        ing = word[:-2] + "ying"
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        ing = word[:-1] + "ing"
    else:
        ing = word + "ing"
    return f"{head}{sep}{ing}"


def _is_heading(line: str) -> bool:
    text = line.strip()
    return (
        bool(text)
        and not _BULLET.match(line)
        and (text.endswith(":") or (len(text.split()) <= 5 and not text.endswith(".") and ":" not in text))
    )


def _section(heading: str) -> str:
    lowered = heading.lower()
    if any(word in lowered for word in REQUIREMENT_HEADINGS):
        return "requirement"
    if any(word in lowered for word in DUTY_HEADINGS):
        return "duty"
    return ""


def _clip(phrase: str) -> str:
    """The phrase up to its first clause break, at most MAX_WORDS words."""
    phrase = _PAREN.sub("", phrase).strip().rstrip(".;:")
    phrase = re.split(
        r",\s+(?:and|especially|ideally|including|such as|e\.g\.)\s+|;\s+|:\s+|\s+[-–—]\s+", phrase
    )[0]
    words = phrase.split()
    if len(words) > MAX_WORDS:
        cut = phrase.rfind(",", 0, len(" ".join(words[:MAX_WORDS])))
        phrase = phrase[:cut] if cut > 20 else " ".join(words[:MAX_WORDS])
    return phrase.strip(" ,")


def _lower_first(phrase: str) -> str:
    """Lowercase an ordinary first word ("Cash handling"); names keep their case ("Microsoft Excel")."""
    first, _, rest = phrase.partition(" ")
    if first.lower().strip(",.;:") in _NAMES or first[1:] != first[1:].lower():
        return phrase
    return f"{first.lower()} {rest}".strip()


def _duty(line: str) -> str | None:
    """'Take payments, process claims and handle invoices' -> 'taking payments, processing claims and ...'."""
    words = _clip(line).split()
    if len(words) < 2 or words[0].lower() not in DUTY_VERBS:
        return None
    out = [gerund(words[0])]
    for index in range(1, len(words)):
        word = words[index]
        joined = words[index - 1].lower() == "and" or words[index - 1].endswith(",")
        out.append(gerund(word) if joined and word.islower() and word in DUTY_VERBS else word)
    return " ".join(out)


def _requirement(line: str) -> tuple[str, str, str] | None:
    """(kind, phrase, subject) of a requirement line, or None for soft qualities and availability."""
    text = _TRAILERS.sub("", _clip(line))
    if (_SOFT.search(text) and not _QUALIFICATION.search(text)) or re.search(r"\bable to\b", text, re.I):
        return None
    text = _LEADS.sub("", text)
    text = re.sub(r"^(?:track record|record)\s+of\s+", "", text, flags=re.IGNORECASE)
    text = _USER_OF.sub("", text)
    match = _EXPERIENCE.match(text)
    preposition = ""
    if match:
        preposition = match.group(0).split()[-1].lower() if len(match.group(0).split()) > 1 else ""
        text = text[match.end() :]
    leading = re.match(r"^(as|in|with|using|of)\s+", text, flags=re.IGNORECASE)
    if leading:
        preposition = preposition or leading.group(1).lower()
        text = text[leading.end() :]
    text = re.sub(r"\s+(?:skills?|experience)\b", "", text, flags=re.IGNORECASE).strip(" ,")
    if len(text) < 3:
        return None
    subject = _lower_first(text)
    if _QUALIFICATION.search(text):
        return "qualification", subject, subject
    if subject.split()[0].endswith("ing"):
        return "skill", subject, subject
    preposition = preposition if preposition in ("as", "in") else "with"
    return "skill", f"{preposition} {subject}", subject


def posting_items(text: str) -> list[PostingItem]:
    """The duties, skills and qualifications listed in the posting, in its own order."""
    items: list[PostingItem] = []
    heading, section = "", ""
    seen: set[str] = set()
    prose: list[str] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if _is_heading(raw):
            heading, section = raw.strip().rstrip(":"), _section(raw)
            continue
        line = _BULLET.sub("", raw).strip()
        if not _BULLET.match(raw) and len(line.split()) > 20:
            prose.append(line)  # a paragraph, not a listed duty or need: read sentence by sentence below
            continue
        if _SKIP_LINE.match(line):
            continue  # pay and conditions
        found: tuple[str, str, str] | None = None
        duty = _duty(line)
        if duty and section in ("duty", "requirement", ""):
            found = ("duty", duty, duty)
        elif section == "requirement":
            found = _requirement(line)
        if found and found[1].lower() not in seen:
            seen.add(found[1].lower())
            items.append(PostingItem(found[0], found[1], found[2], line, heading))
    for sentence in (s for paragraph in prose for s in _SENTENCE.split(paragraph)):
        for kind, phrase, subject in _prose_items(sentence):
            if phrase.lower() not in seen:
                seen.add(phrase.lower())
                items.append(PostingItem(kind, phrase, subject, sentence.strip(), ""))
    return items


def _prose_items(sentence: str) -> list[tuple[str, str, str]]:
    """Duties ("You will bathe, dry and clip dogs"), experience and qualifications named in a sentence."""
    found: list[tuple[str, str, str]] = []
    duty = _PROSE_DUTY.search(sentence)
    if duty:
        said = re.split(r",\s+(?:as well as|as is|but|so|which)\s+|;\s+", duty.group(1).strip())[0]
        if len(said.split()) >= 2:  # kept as written: "you will bathe, dry, clip and hand strip dogs"
            found.append(("duty", f"you will {said}", said))
    skill = _PROSE_EXPERIENCE.search(sentence)
    named = (skill.group(1) or skill.group(2) or "") if skill else ""
    if named and not _SOFT.search(named) and not _LEADS.fullmatch(named + " "):
        subject = _lower_first(_clip(_LEADS.sub("", named)))
        found.append(("skill", f"with {subject}", subject))
    qualification = _PROSE_QUALIFICATION.search(sentence)
    if qualification:
        subject = _lower_first(_LEADS.sub("", qualification.group(1)).strip())
        found.append(("qualification", subject, subject))
    return found


def overlap(words: list[str], other: list[str]) -> float:
    """Share of the shorter word list found in the other one."""
    shorter, longer = sorted((words, other), key=len)
    return sum(word in longer for word in shorter) / len(shorter) if shorter else 0.0


def interleave(items: list[PostingItem]) -> list[PostingItem]:
    """Skills first, then duties and qualifications in turn, each in the posting's order."""
    by_kind = {
        kind: [item for item in items if item.kind == kind] for kind in ("skill", "duty", "qualification")
    }
    ordered: list[PostingItem] = []
    while any(by_kind.values()):
        for kind in ("skill", "duty", "qualification"):
            if by_kind[kind]:
                ordered.append(by_kind[kind].pop(0))
    return ordered
