"""PV205: weekday words the text ties to a definite calendar day must fit it.

A bare "on Saturday" is consistent with any document date (every weekday occurs in the
seven days before it), so it proves nothing. Only two kinds of pairing can be wrong:

* an explicit pairing of a weekday with a day of the month in the same phrase:
  ``Saturday, March 27``, ``Sat 27 March 2021``, ``Saturday 2021-03-27``,
  ``March 27 (Saturday)``; a missing year is taken from the document date (the year
  that puts the day closest to it);
* ``today``/``yesterday``/``tomorrow`` tied to a weekday (``yesterday, Sunday``,
  ``Monday (today)``), which must fit the document date itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from provcheck.models import Certainty, Finding, Precision, Severity
from provcheck.rules.base import Rule, RuleContext, RuleDocs

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DATE_FORMS = (
    rf"{_MONTH}\s+{_DAY}\b{_YEAR}",  # March 27, 2021
    rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}",  # 27 March 2021
    r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)",  # 2021-03-27
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RELATIVE_OFFSET = {"today": 0, "yesterday": -1, "tomorrow": 1}


@dataclass(frozen=True, slots=True)
class WeekdayPairing:
    """A weekday word tied to a definite day, and the phrase that ties them."""

    day: dt.date
    phrase: str
    explicit_year: bool
    relative_word: str | None = None  # today / yesterday / tomorrow


def _weekday_pattern(word: str) -> str:
    # "Sat", "Sat." and "Saturday" may all be written; match the word as the text has it.
    return rf"\b{re.escape(word.rstrip('.'))}\b\.?"


def _month_number(text: str) -> int | None:
    key = text.rstrip(".").lower()
    return _MONTHS.get("sept" if key.startswith("sept") else key[:3])


def _resolve(
    groups: dict[str, str | None], reference: dt.date | None
) -> tuple[dt.date, bool] | None:
    """The calendar day a date match names, guessing a missing year from ``reference``.

    Returns the day and whether the year was written; ``None`` when the text is not a
    real date or the year cannot be guessed.
    """
    try:
        iso = groups.get("iso")
        if iso:
            return dt.date.fromisoformat(iso), True
        month = _month_number(groups.get("month") or "")
        day = int(groups.get("day") or "0")
        if month is None:
            return None
        year = groups.get("year")
        if year:
            return dt.date(int(year), month, day), True
    except ValueError:
        return None
    if reference is None:
        return None
    options = []
    for guess in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(dt.date(guess, month, day))
        except ValueError:
            continue
    if not options:
        return None
    return min(options, key=lambda d: abs((d - reference).days)), False


def explicit_pairings(line: str, word: str, reference: dt.date | None) -> list[WeekdayPairing]:
    """Each place in ``line`` where weekday ``word`` is written next to a calendar date."""
    found: list[WeekdayPairing] = []
    weekday = _weekday_pattern(word)
    for form in _DATE_FORMS:
        for pattern in (
            rf"{weekday},?\s+(?:the\s+)?{form}",  # Saturday, March 27
            rf"{form}\s*\(\s*{weekday}\s*\)",  # March 27 (Saturday)
        ):
            for match in re.finditer(pattern, line):
                resolved = _resolve(match.groupdict(), reference)
                if resolved is not None:
                    day, explicit = resolved
                    found.append(WeekdayPairing(day, match.group(0), explicit))
    return found


def relative_pairings(line: str, word: str, document_day: dt.date) -> list[WeekdayPairing]:
    """Each ``today``/``yesterday``/``tomorrow`` tied to weekday ``word`` in ``line``."""
    found: list[WeekdayPairing] = []
    weekday = _weekday_pattern(word)
    rel = r"(?P<rel>today|yesterday|tomorrow)"
    for pattern in (
        rf"(?i:\b{rel})\s*[,(—–-]?\s*(?:on\s+)?{weekday}",  # yesterday, Sunday
        rf"{weekday}\s*[,(—–-]\s*(?i:{rel})\b",  # Monday (today)
    ):
        for match in re.finditer(pattern, line):
            rel_word = match.group("rel").lower()
            day = document_day + dt.timedelta(days=_RELATIVE_OFFSET[rel_word])
            found.append(WeekdayPairing(day, match.group(0), True, rel_word))
    return found


def _texts_at(ctx: RuleContext, line: int) -> list[str]:
    """The analysed-text lines behind an original-file line (several for HTML, one else)."""
    document = ctx.doc.document
    lines = document.text.split("\n")
    if not document.line_map:
        return [lines[line - 1]] if 1 <= line <= len(lines) else []
    return [lines[i] for i, orig in enumerate(document.line_map) if orig == line and i < len(lines)]


def _check_pv205(ctx: RuleContext) -> Iterator[Finding]:
    candidate, inherited = ctx.date_candidate()
    reference = candidate.date.value if candidate is not None else None
    stated_day = (
        candidate is not None
        and not inherited
        and not candidate.inferred
        and candidate.date.precision is Precision.DAY
    )
    seen: set[tuple[int, str]] = set()
    for mention in ctx.doc.weekdays:
        pairings: list[WeekdayPairing] = []
        for text in _texts_at(ctx, mention.line):
            pairings += explicit_pairings(text, mention.word, reference)
            if stated_day and candidate is not None:
                pairings += relative_pairings(text, mention.word, candidate.date.value)
        for pairing in pairings:
            actual = pairing.day.weekday()
            if actual == mention.weekday or (mention.line, pairing.phrase) in seen:
                continue
            seen.add((mention.line, pairing.phrase))
            said = _WEEKDAYS[mention.weekday]
            tied = (
                f"'{pairing.relative_word}' relative to the document date"
                if pairing.relative_word
                else "the date written next to it"
            )
            yield PV205.finding(
                ctx,
                f"the text says {said} for {pairing.day.isoformat()} ({tied}),"
                f' which was a {_WEEKDAYS[actual]}: "{pairing.phrase}"',
                confidence=Certainty.HIGH if pairing.explicit_year else Certainty.MEDIUM,
                line=mention.line,
                evidence=[
                    ("phrase", pairing.phrase),
                    ("weekday_said", said),
                    ("date", pairing.day.isoformat()),
                    ("weekday_actual", _WEEKDAYS[actual]),
                ],
            )


PV205 = Rule(
    id="PV205",
    name="weekday-mismatch",
    severity=Severity.WARNING,
    summary="The text pairs a weekday with a date it cannot fall on.",
    docs=RuleDocs(
        what=(
            "Checks weekday words the text ties to a definite day: a weekday written next to"
            " a day of the month ('Saturday, March 27'; a missing year is taken from the"
            " document date) and a weekday tied to today/yesterday/tomorrow (checked against a"
            " stated, day-precise document date). A bare 'on Saturday' is never reported: any"
            " weekday falls within the week before any date, so it cannot be false."
        ),
        why=(
            "A wrong weekday shows a wrong date (mis-parsed, or the article was re-dated) or a"
            " transcription error; either way the date needs checking."
        ),
        example="'on Tuesday, March 4, 2014' although 2014-03-04 was a Tuesday is fine;"
        " 'Monday, March 4, 2014' is reported.",
        fix="Check which of the weekday and the date is wrong against the original.",
    ),
    check=_check_pv205,
)
