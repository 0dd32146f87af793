"""What the kiosk keeps of a paper-form backlog line's ``ref`` (``import_refs``): its keyed
digest, not the ref.

A ref is often the form's number with the applicant's name or ID number, as the volunteer who
typed the backlog in wrote it ("Phiếu 12 - Hoàng Kim Phương 0561…"), and its row is kept for
as long as the kiosk: a ref seen again must still be skipped after its record's purge. The
digest (``Cipher.digest``, HMAC-SHA256 under a key derived from the data key) finds it again
and tells nobody without the key what it was.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from kiosk.store import crypto
from kiosk.store.db import checkpoint, write_session
from kiosk.store.models import Meta

KEYED_FLAG = "import_refs.keyed"  # meta: every ref here is keyed (the scan is not run again)
IMPORT_REF_KEYED = "h:"  # what starts an import ref's keyed digest (older kiosks kept it plain)
_PLAIN = text(
    "SELECT ref FROM import_refs WHERE NOT (substr(ref, 1, 2) = :keyed AND length(ref) = 66)"
)


def import_ref_key(cipher: crypto.Cipher, ref: str) -> str:
    """The keyed digest ``import_refs`` keeps for ``ref``."""
    return IMPORT_REF_KEYED + cipher.digest(b"import-ref\0" + ref.encode("utf-8"))


def key_plain_import_refs(engine: Engine, cipher: crypto.Cipher) -> int:
    """Replace the refs older versions kept in plain text by their keyed digests (once, at
    opening; ``secure_delete`` zeroes the old bytes in the page, and a checkpoint writes the
    page over the old one in the database file and empties the WAL). How many were replaced."""
    with write_session(engine) as session:
        session.merge(Meta(key=KEYED_FLAG, value="1"))  # once per database, not every opening
        rows = session.execute(_PLAIN, {"keyed": IMPORT_REF_KEYED}).all()
        for (plain,) in rows:
            session.execute(
                text("UPDATE import_refs SET ref = :key WHERE ref = :plain"),
                {"key": import_ref_key(cipher, plain), "plain": plain},
            )
    if rows:
        checkpoint(engine)
    return len(rows)
