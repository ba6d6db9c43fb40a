"""How contact details read to a person: web addresses with their Swedish letters instead of punycode."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def _label(label: str) -> str:
    """Decode one punycode label when it gives Latin letters (å, ä, ö, é …); keep anything odd as it is."""
    if not label.startswith("xn--"):
        return label
    decoded = label.encode("ascii").decode("idna")
    return decoded if all(ord(ch) < 0x250 for ch in decoded) else label


def readable_contact(contact: str) -> str:
    """'https://xn--gullspng-f0a.se/x' -> 'https://gullspång.se/x'; anything else is returned unchanged."""
    if "xn--" not in contact:
        return contact
    try:
        parts = urlsplit(contact)
        host = parts.hostname or ""
        unicode_host = ".".join(_label(label) for label in host.split("."))
        netloc = parts.netloc.replace(host, unicode_host) if host else parts.netloc
        return urlunsplit(parts._replace(netloc=netloc))
    except (UnicodeError, ValueError):
        return contact
