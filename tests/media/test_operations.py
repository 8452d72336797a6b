"""Keeping an upload for a pupil, and letting an entry claim it."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from journal.extensions import db
from journal.media.models import Attachment
from journal.media.operations import (
    UploadProblem,
    attachments_for_content,
    claim,
    store_upload,
    unclaimed,
)
from journal.media.storage import storage

from .pictures import PDF_BYTES, photo, upload


def test_an_upload_is_cleaned_stored_and_recorded(pupil):
    attachment = store_upload(
        pupil,
        upload(photo((2000, 1000)), filename="C:\\Users\\maya\\day one.jpg"),
        uploaded_by=pupil.user,
        description="  The kitchen at the hotel  ",
    )
    stored = storage().get(attachment.key)
    assert attachment.id is not None and attachment.entry_id is None
    assert attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert (attachment.media_type, attachment.size) == ("image/jpeg", len(stored))
    assert (attachment.width, attachment.height) == Image.open(io.BytesIO(stored)).size
    assert (attachment.width, attachment.height) == (1600, 800)
    assert max(Image.open(io.BytesIO(storage().get(attachment.thumbnail_key))).size) == 400
    assert attachment.original_name == "day one.jpg"
    assert attachment.description == "The kitchen at the hotel"
    assert attachment.uploaded_by_id == pupil.user.id and attachment.pupil_id == pupil.id


def test_a_long_file_name_is_trimmed(pupil):
    attachment = store_upload(pupil, upload(photo(), "x" * 300 + ".jpg"), uploaded_by=pupil.user)
    assert attachment.original_name == "x" * 200


def test_a_pdf_is_kept_as_sent_with_no_thumbnail(pupil):
    attachment = store_upload(
        pupil, upload(PDF_BYTES, "award.pdf"), uploaded_by=pupil.user, allow_pdf=True
    )
    assert storage().get(attachment.key) == PDF_BYTES
    assert attachment.thumbnail_key is None and attachment.width is None


def test_a_php_script_named_jpg_is_refused_and_nothing_is_kept(pupil):
    script = upload(b"<?php echo 'hi'; ?>", filename="cat.jpg", content_type="image/jpeg")
    with pytest.raises(UploadProblem, match="This file is not a photo"):
        store_upload(pupil, script, uploaded_by=pupil.user)
    assert db.session.query(Attachment).count() == 0
    assert not storage().root.exists() or not any(storage().root.rglob("*"))


def test_a_30_mb_upload_is_refused_with_its_size_without_reading_it_all(pupil):
    size = 30 * 1024 * 1024

    class Stream(io.BytesIO):
        def read(self, limit=-1):
            assert 0 < limit <= 15 * 1024 * 1024 + 1, "read without a cap"
            return super().read(limit)

    big = FileStorage(Stream(b"\xff\xd8\xff" + b"\x00" * (size - 3)), filename="big.jpg")
    with pytest.raises(UploadProblem) as caught:
        store_upload(pupil, big, uploaded_by=pupil.user)
    assert str(caught.value) == "This photo is 30 MB. The biggest we can take is 15 MB."


def test_unclaimed_keeps_the_order_and_ignores_other_pupils_and_claimed_files(make, pupil, school):
    other = make.pupil(school, first="Tom")
    mine = [
        store_upload(pupil, upload(photo(colour=c)), uploaded_by=pupil.user)
        for c in ("red", "green", "blue")
    ]
    theirs = store_upload(other, upload(photo(colour="pink")), uploaded_by=other.user)
    claim([mine[2]], make.entry(pupil))

    ids = [mine[1].id, theirs.id, mine[2].id, 999_999, mine[0].id, mine[1].id]
    assert unclaimed(pupil, ids) == [mine[1], mine[0]]
    assert unclaimed(pupil, []) == []


def test_claim_sets_the_entry(make, pupil):
    attachment = store_upload(pupil, upload(photo()), uploaded_by=pupil.user)
    entry = make.entry(pupil)
    claim([attachment], entry)
    assert db.session.get(Attachment, attachment.id).entry_id == entry.id


def test_attachments_for_content_finds_the_rows_a_revision_lists(make, pupil, school):
    first = store_upload(pupil, upload(photo(colour="red")), uploaded_by=pupil.user)
    second = store_upload(pupil, upload(photo(colour="blue")), uploaded_by=pupil.user)
    other = make.pupil(school, first="Tom")
    theirs = store_upload(other, upload(photo(colour="pink")), uploaded_by=other.user)
    forged = first.as_content() | {"sha256": "0" * 64}

    content = [second.as_content(), theirs.as_content(), forged, first.as_content()]
    assert attachments_for_content(pupil, content) == [second, first]
