"""Short information texts for the client about support and rights, each with its source.

Our own wording. `checked` stays None until someone compares the text with the cited source; the texts
say only what the cited provisions plainly give.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class InfoText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sv: str
    source: str
    checked: date | None = None


INFO_TITLE = "Bra att veta"
INFO_TEXTS: tuple[InfoText, ...] = (
    InfoText(sv="Ring 112 om du eller ett barn är i fara just nu.", source="112, det nationella nödnumret (SOS Alarm)"),
    InfoText(sv="Du kan få stöd från socialtjänsten även om du inte gör en polisanmälan.",
             source="Socialtjänstlagen: stöd till brottsoffer och till den som utsatts för våld av närstående"),
    InfoText(sv="Du har rätt till tolk i kontakten med socialtjänsten. Tolken har tystnadsplikt.",
             source="Förvaltningslagen (2017:900) 13 §; offentlighets- och sekretesslagen (2009:400) 2 kap. 1 §"),
    InfoText(sv="Socialtjänsten har sekretess. Uppgifter om dig lämnas som regel inte ut till andra.",
             source="Offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §"),
)
