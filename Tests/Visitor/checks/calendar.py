"""The site's iCalendar files, read back with the PyPI icalendar parser."""

from __future__ import annotations

import os
import urllib.parse

from . import check
from .site import parse, rel, resolve_target



def ics_files(site: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(site):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".ics")]
    return out


def calendar_problems(data: bytes) -> tuple[list[str], list[str]]:
    """An iCalendar file as RFC 5545 wants it, read back with the PyPI `icalendar` parser:
    UTF-8, CRLF line ends, lines folded at 75 octets, no property the parser could not read,
    and each event an all-day event (DTSTART and an exclusive DTEND as dates) with UID, DTSTAMP
    and SUMMARY. Returns the problems and the UIDs of the events."""
    import datetime
    import icalendar
    problems: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"], []
    if not text.endswith("\r\n"):
        problems.append("does not end with CRLF")
    for number, line in enumerate(text.split("\r\n")[:-1], 1):
        if "\n" in line or "\r" in line:
            problems.append(f"line {number}: a line end that is not CRLF")
        if len(line.encode("utf-8")) > 75:
            problems.append(f"line {number}: {len(line.encode('utf-8'))} octets, more than 75 (fold it)")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as e:  # the parser refuses it outright
        return problems + [f"icalendar cannot read it: {type(e).__name__}: {e}"], []
    if calendar.name != "VCALENDAR":
        problems.append(f"the outer component is {calendar.name}, not VCALENDAR")
    for name in ("VERSION", "PRODID"):
        if name not in calendar:
            problems.append(f"VCALENDAR has no {name}")
    if str(calendar.get("VERSION", "")) != "2.0":
        problems.append(f"VERSION is {calendar.get('VERSION')!r}, not 2.0")
    uids = []
    for component in calendar.walk():
        for prop, error in getattr(component, "errors", []):
            problems.append(f"{component.name} {prop}: {error}")
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if name not in event:
                problems.append(f"event {uid or '?'}: no {name}")
        uids.append(uid)
        try:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        except (KeyError, ValueError) as e:
            problems.append(f"event {uid}: DTSTART/DTEND unreadable: {e}")
            continue
        if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime) \
                or not isinstance(start, datetime.date):
            problems.append(f"event {uid}: DTSTART/DTEND are not dates (VALUE=DATE): {start!r}, {end!r}")
        elif not end > start:
            problems.append(f"event {uid}: DTEND {end} is not after DTSTART {start} (DTEND is exclusive)")
    if len(set(uids)) != len(uids):
        problems.append(f"the same UID twice: {uids}")
    return problems, uids


def calendar_checks(res, site: str) -> None:
    """Every .ics file of the site; an event's file has the same UID as the files of its
    translations (the pages its page names as hreflang alternates), and the calendars of
    upcoming events only hold events that have their own file."""
    files = ics_files(site)
    if not files:
        res.note("calendars: no .ics file in the site")
        return
    own: dict[str, list[str]] = {}  # folder of an event's page -> the UIDs of its file
    upcoming: dict[str, list[str]] = {}
    for f in files:
        with open(f, "rb") as handle:
            problems, uids = calendar_problems(handle.read())
        path = rel(site, f)
        res.record(f"calendar {path}", problems)
        if os.path.basename(f) == "upcoming.ics":
            upcoming[path] = uids
        else:
            if len(uids) != 1:
                res.record(f"calendar {path} holds one event", [f"{len(uids)} events"])
            own[os.path.dirname(f)] = uids
    mismatched = []
    for folder, uids in sorted(own.items()):
        page = os.path.join(folder, "index.html")
        if not os.path.isfile(page):
            mismatched.append(f"{rel(site, folder)}/: an event calendar without its page")
            continue
        for lang, href in sorted(parse(page).alternates.items()):
            other = resolve_target(site, urllib.parse.urlsplit(href).path)
            if other and os.path.dirname(other) in own and own[os.path.dirname(other)] != uids:
                mismatched.append(f"{rel(site, folder)}/ {uids} but its {lang} version "
                                  f"{own[os.path.dirname(other)]}")
    res.record("calendars: an event has the same UID in every language", mismatched)
    known = {uid for uids in own.values() for uid in uids}
    res.record("calendars: upcoming events have their own calendar file",
               [f"{path}: {uid}" for path, uids in sorted(upcoming.items()) for uid in uids if uid not in known])


def calendar_control_problems() -> list[str]:
    """The calendar check must see what it looks for: a broken calendar is refused."""
    broken = ("BEGIN:VCALENDAR\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
              "DTSTART;VALUE=DATE:20240530\r\nDTEND;VALUE=DATE:20240530\r\nSUMMARY:" + "x" * 80 + "\r\n"
              "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:2024053\r\n"
              "DTEND;VALUE=DATE:20240531\r\nSUMMARY:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    found, _ = calendar_problems(broken.encode("utf-8"))
    wanted = {"not CRLF": "a bare LF", "more than 75": "an 81-octet line", "no DTSTAMP": "a missing DTSTAMP",
              "not after DTSTART": "DTEND not after DTSTART", "Expected": "an unreadable DTSTART",
              "the same UID twice": "a repeated UID"}
    return [f"a calendar with {what} was not reported (got {found})"
            for needle, what in wanted.items() if not any(needle in p for p in found)]


@check("calendar: a broken calendar is reported", concern="calendar", group="calendar")
def broken_calendar_is_reported(ctx) -> list[str]:
    return calendar_control_problems()


@check("calendar", concern="calendar", group="calendar")
def calendars(ctx) -> None:
    """`calendar FILE` for every .ics file, and the UIDs across files."""
    calendar_checks(ctx.res, ctx.site)
