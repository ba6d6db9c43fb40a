"""Contact details read with Swedish letters, never as punycode."""

from __future__ import annotations

from stodapp.referrals.display import readable_contact


def test_punycode_host_is_shown_in_swedish() -> None:
    url = "https://xn--gullspng-f0a.se/Gullspangs-kommun/Stod"
    assert readable_contact(url) == "https://gullspång.se/Gullspangs-kommun/Stod"


def test_other_contacts_unchanged() -> None:
    for contact in ("020-50 50 50", "https://www.kvinnofridslinjen.se", "info@exempel.se", "https://xn--broken"):
        assert readable_contact(contact) in (contact,)
