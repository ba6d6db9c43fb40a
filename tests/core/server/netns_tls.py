"""A second network namespace joined to this one by a veth pair, and a throwaway CA with server certificates.

The namespace plays the unit's remote database host: its address (10.231.N.2) is not loopback, so the client's TLS
policy applies to it exactly as to a municipality's server. Certificates are valid 2000–2099 so the faketime runs
(any date) verify them the same way.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
from dataclasses import dataclass
from types import TracebackType

from .own_cluster import run

VALID_FROM = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
VALID_TO = dt.datetime(2099, 12, 31, tzinfo=dt.UTC)


def netns_unavailable() -> str | None:
    """Why this machine cannot make a network namespace, or None."""
    if os.geteuid() != 0:
        return "network namespaces need root (CI runs as root)"
    if shutil.which("ip") is None:
        return "`ip` (iproute2) is not installed"
    if run(["ip", "netns", "list"], check=False).returncode != 0:
        return "`ip netns` is not available here"
    return None


class Netns:
    """`with Netns() as ns:` ns.name, ns.host_ip (this side), ns.peer_ip (inside); deleted on exit, always."""

    def __init__(self, pid: int | None = None) -> None:
        pid = pid or os.getpid()
        tag = pid % 100000
        self.name = f"stodtls-{pid}"
        self.host_if, self.peer_if = f"stv{tag}h", f"stv{tag}n"
        if pid != os.getpid():
            return  # a handle on a dead run's namespace, only to remove it
        _remove_stale()
        used = run(["ip", "-o", "-4", "addr"]).stdout
        third = next(n for n in [*range(tag % 250 + 1, 251), *range(1, 251)] if f"10.231.{n}." not in used)
        self.host_ip, self.peer_ip = f"10.231.{third}.1", f"10.231.{third}.2"

    def __enter__(self) -> Netns:
        try:
            run(["ip", "netns", "add", self.name])
            run(["ip", "link", "add", self.host_if, "type", "veth", "peer", "name", self.peer_if])
            run(["ip", "link", "set", self.peer_if, "netns", self.name])
            run(["ip", "addr", "add", f"{self.host_ip}/30", "dev", self.host_if])
            run(["ip", "link", "set", self.host_if, "up"])
            inside = ["ip", "netns", "exec", self.name, "ip"]
            run([*inside, "addr", "add", f"{self.peer_ip}/30", "dev", self.peer_if])
            run([*inside, "link", "set", self.peer_if, "up"])
            run([*inside, "link", "set", "lo", "up"])
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        self.remove()

    def remove(self) -> None:
        """Kill what still runs inside (only our own server can), then drop the namespace and the veth pair."""
        pids = run(["ip", "netns", "pids", self.name], check=False).stdout.split()
        for pid in pids:
            try:
                os.kill(int(pid), 9)
            except (ProcessLookupError, ValueError):
                pass
        run(["ip", "netns", "del", self.name], check=False)
        run(["ip", "link", "del", self.host_if], check=False)  # gone with the namespace already, normally


def _remove_stale() -> None:
    """Namespaces a killed test run (SIGKILL skips every finally) left behind: ours by name, their pid gone."""
    for line in run(["ip", "netns", "list"], check=False).stdout.splitlines():
        name = line.split(" ")[0]
        if name.startswith("stodtls-") and name[8:].isdigit() and not os.path.exists(f"/proc/{name[8:]}"):
            Netns(int(name[8:])).remove()


@dataclass(frozen=True)
class Pem:
    cert: bytes
    key: bytes


def _name(common: str):  # type: ignore[no-untyped-def]
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _pem(cert, key) -> Pem:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization

    return Pem(cert=cert.public_bytes(serialization.Encoding.PEM),
               key=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()))


class ThrowawayCA:
    """A CA made for one test run; its key never leaves memory."""

    def __init__(self, label: str = "stodapp test CA (throwaway)") -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec

        self._key = ec.generate_private_key(ec.SECP256R1())
        self._subject = _name(label)
        public = self._key.public_key()
        self._cert = (
            x509.CertificateBuilder().subject_name(self._subject).issuer_name(self._subject).public_key(public)
            .serial_number(x509.random_serial_number()).not_valid_before(VALID_FROM).not_valid_after(VALID_TO)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(self._key, hashes.SHA256())
        )
        self.pem = _pem(self._cert, self._key).cert

    def server(self, *, dns: tuple[str, ...] = (), ips: tuple[str, ...] = ()) -> Pem:
        """A server certificate for exactly these names (subjectAltName), signed by this CA."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID

        key = ec.generate_private_key(ec.SECP256R1())
        names = [x509.DNSName(d) for d in dns] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
        cert = (
            x509.CertificateBuilder().subject_name(_name((dns or ips)[0])).issuer_name(self._subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(VALID_FROM).not_valid_after(VALID_TO)
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                           critical=False)
            .sign(self._key, hashes.SHA256())
        )
        return _pem(cert, key)
