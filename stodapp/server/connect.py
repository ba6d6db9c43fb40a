"""Connecting to the unit's PostgreSQL server: the TLS policy, the login role and its derived password.

Policy (`check_url`): a URL never carries a password; a host that is not loopback or a local socket needs
`sslmode=verify-full` (the default we set when none is given); any weaker mode to a remote host is refused.
Each stodapp user logs in as her own database role `<database>_<username>`, whose SCRAM password is derived from
her passphrase with Argon2id under a salt of its own, so she types one secret and the server never learns it.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from stodapp.errors import AuthError, StoreError, StoreMissing, UserInputError
from stodapp.i18n import _
from stodapp.store.keyslots import KdfParams, derive_kek

# Fixed: the login password must be derivable before anything can be read from the server.
LOGIN_KDF = KdfParams(memory_kib=64 * 1024, iterations=3, parallelism=1)
STRONG_SSLMODES = frozenset({"verify-full"})
KNOWN_SSLMODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
ALLOWED_PARAMS = frozenset({"sslmode", "sslrootcert", "sslcert", "sslkey", "host", "port", "connect_timeout",
                            "service", "target_session_attrs"})


class ServerUnreachable(StoreError):
    """The server did not answer; nothing was written and no local store was created."""


class ServerRefused(UserInputError):
    """The URL asks for something the policy refuses (plaintext to a remote host, a password in the URL …)."""


@dataclass(frozen=True)
class ServerAddress:
    host: str  # host name, IP, or a socket directory ("/…"); "" = libpq default socket
    port: int
    database: str
    sslmode: str
    params: tuple[tuple[str, str], ...]

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def display(self) -> str:
        return f"{self.host or 'lokal socket'}:{self.port}/{self.database}"

    def conninfo(self) -> dict[str, str]:
        info = {"dbname": self.database, "port": str(self.port), "sslmode": self.sslmode}
        if self.host:
            info["host"] = self.host
        for key, value in self.params:
            if key not in ("sslmode", "host", "port"):
                info[key] = value
        return info


def is_loopback(host: str) -> bool:
    if host == "" or host.startswith(("/", "@")) or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> ServerAddress:
    """Parse and police a `postgresql://host[:port]/database[?sslmode=…]` URL (one clear error per problem)."""
    try:
        parts = urlsplit(url.strip())
        port_value = parts.port
    except ValueError:
        raise ServerRefused(_("ogiltig serveradress: ange postgresql://värd[:port]/databas")) from None
    if parts.scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise ServerRefused(_("ogiltig serveradress: den ska börja med postgresql://"))
    if parts.password is not None:
        raise ServerRefused(
            _("serveradressen får inte innehålla något lösenord (använd --password-file eller PGPASSFILE)")
        )
    if parts.username:
        raise ServerRefused(_("serveradressen ska inte ange någon databasroll: stodapp loggar in som användaren"))
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise ServerRefused(_("serveradressen saknar databasnamn: postgresql://värd[:port]/databas"))
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(params) - ALLOWED_PARAMS)
    if unknown:
        raise ServerRefused(_("okänd parameter i serveradressen: {unknown}").format(unknown=unknown[0]))
    host = params.get("host") or unquote(parts.hostname or "")
    port = int(params.get("port") or port_value or 5432)
    sslmode = params.get("sslmode") or ("prefer" if is_loopback(host) else "verify-full")
    if sslmode not in KNOWN_SSLMODES:
        raise ServerRefused(_("okänt sslmode: {sslmode}").format(sslmode=sslmode))
    if not is_loopback(host) and sslmode not in STRONG_SSLMODES:
        raise ServerRefused(
            _(
                "okrypterad eller overifierad anslutning till {host} vägras (sslmode={sslmode}): använd "
                "sslmode=verify-full och serverns CA-certifikat (sslrootcert)"
            ).format(host=host, sslmode=sslmode)
        )
    rest = tuple(sorted((k, v) for k, v in params.items() if k not in ("sslmode", "host", "port")))
    return ServerAddress(host=host, port=port, database=database, sslmode=sslmode, params=rest)


def role_name(database: str, username: str) -> str:
    """The database login role of a stodapp user in this unit's database (PostgreSQL's 63-byte name limit)."""
    name = f"{database}_{username}"
    if len(name.encode("utf-8")) > 63:
        raise UserInputError(_("databasnamn och användarnamn är tillsammans för långa för en databasroll (63 byte)"))
    return name


def group_role(database: str, role: str) -> str:
    return f"{database}_grp_{role}"


def login_password(database: str, username: str, passphrase: str, params: KdfParams = LOGIN_KDF) -> str:
    """SCRAM password of the user's role: Argon2id(passphrase) under a salt of its own (never the key-slot key)."""
    salt = hashlib.sha256(f"stodapp-db-login|{database}|{username.casefold()}".encode()).digest()[:16]
    return derive_kek(passphrase, salt, params).hex()


def connect_error(err: Exception, address: ServerAddress) -> Exception:
    """A libpq failure -> one safe line (never the password, never a query parameter)."""
    text = str(err).lower()
    where = address.display()
    if "password authentication failed" in text or "no password supplied" in text:
        return AuthError(
            _(
                "Fel användarnamn eller lösenfras, eller fel databas i serveradressen ({where}): servern nekade "
                "inloggningen."
            ).format(where=where)
        )
    if "is not permitted to log in" in text:  # NOLOGIN: `server users disable`
        return AuthError(_("Kontot är inaktiverat på servern ({where}). Kontakta enhetens administratör.")
                         .format(where=where))
    if "does not exist" in text and "database" in text:
        return StoreMissing(_("databasen finns inte på servern ({where})").format(where=where))
    if "root certificate file" in text:
        return ServerRefused(
            _(
                "serverns CA-certifikat (sslrootcert={path}) saknas eller kan inte läsas: ange enhetens "
                "CA-certifikat i serveradressen"
            ).format(path=dict(address.params).get("sslrootcert", "~/.postgresql/root.crt"))
        )
    if "certificate" in text or "ssl" in text and ("verify" in text or "match" in text):
        return ServerRefused(
            _("serverns TLS-certifikat kunde inte verifieras för {host}: anslutningen vägrades").format(
                host=address.host
            )
        )
    if "server does not support ssl" in text:
        return ServerRefused(_("servern {host} erbjuder ingen TLS: anslutningen vägrades").format(host=address.host))
    if "permission denied" in text:
        return AuthError(_("databasrollen får inte ansluta till {where}").format(where=where))
    return ServerUnreachable(_("servern svarar inte ({where}); inget har sparats — försök igen").format(where=where))
