"""Property tests of the query parser, the cursor codec, the header parsers and next links."""

from __future__ import annotations

import base64
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.cursor import CursorCodec, CursorError
from longgang_api.engine.list_request import query_items
from longgang_api.engine.query import build_query, normalise_text, parse_sort
from longgang_api.engine.query_error import QueryError
from longgang_api.web.http_caching import accepts_gzip
from longgang_api.web.listing import query_string
from longgang_api.web.representation import NotAcceptable, accepted_media, negotiate
from longgang_api.web.served import Served

SCOPES = st.text(max_size=200)
Place = tuple[int, ...]
#: A cursor's place: a rank, or a match rank and a rank.
PLACES = st.lists(st.integers(min_value=-(2**31), max_value=2**31 - 1), min_size=1, max_size=2).map(
    tuple
)


@given(SCOPES, PLACES)
def test_cursors_round_trip(scope: str, offset: Place) -> None:
    codec = CursorCodec("a" * 64)
    assert codec.decode(scope, codec.encode(scope, offset)) == offset


@given(SCOPES, PLACES, st.data())
def test_an_altered_cursor_is_refused(scope: str, offset: Place, data: st.DataObject) -> None:
    codec = CursorCodec("a" * 64)
    cursor = codec.encode(scope, offset)
    position = data.draw(st.integers(min_value=0, max_value=len(cursor) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != cursor[position]]))
    altered = cursor[:position] + replacement + cursor[position + 1 :]
    try:
        decoded = codec.decode(scope, altered)
    except CursorError:
        return
    # Base64 padding bits can change without changing the bytes: then nothing was altered.
    assert decoded == offset


@given(SCOPES, SCOPES, PLACES)
def test_a_cursor_is_bound_to_its_scope_and_key(scope: str, other: str, offset: Place) -> None:
    cursor = CursorCodec("a" * 64).encode(scope, offset)
    if other != scope:
        with pytest.raises(CursorError):
            CursorCodec("a" * 64).decode(other, cursor)
    with pytest.raises(CursorError):
        CursorCodec("b" * 64).decode(scope, cursor)


@given(st.text(max_size=100))
def test_any_string_is_a_cursor_or_a_cursor_error(text: str) -> None:
    codec = CursorCodec("a" * 64)
    try:
        offset = codec.decode("scope", text)
    except CursorError:
        return

    # Only what the codec issued gets here: the same bytes as a cursor made for that offset.
    def raw(cursor: str) -> bytes:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))

    assert raw(text) == raw(codec.encode("scope", offset))


@pytest.fixture(scope="module")
def served(dataset: LoadedDataset) -> Served:
    return Served.build(dataset, 60, "http://x")


@given(st.text(max_size=80))
def test_any_sort_parses_or_is_a_bad_parameter(served: Served, text: str) -> None:
    for collection in (served.collections[n] for n in ("observations", "projects", "search")):
        try:
            keys = parse_sort(collection, text)
        except QueryError as error:
            assert error.parameter == "sort"
            continue
        names = [name for name, _ in keys]
        assert len(names) == len(set(names))
        assert "id" in names
        assert set(names) <= set(collection.sorts)


@given(
    st.text(max_size=60),
    st.one_of(st.none(), st.text(max_size=40)),
    st.integers(min_value=1, max_value=500),
)
def test_any_query_builds_or_is_a_bad_parameter(
    served: Served, q: str, sort: str | None, limit: int
) -> None:
    try:
        query = build_query(
            served.collections["observations"], served.codec, {}, q, sort, limit, None
        )
    except QueryError as error:
        assert error.parameter in ("q", "sort")
        return
    assert query.limit == limit and query.after is None
    if query.q is not None:
        assert query.q == normalise_text(q).strip()


@given(st.text(max_size=120), st.sampled_from([None, "json", "csv", "ndjson", "xml"]))
def test_any_accept_header_negotiates_or_refuses(accept: str, format_: str | None) -> None:
    try:
        chosen = negotiate(accept, format_, ("json", "csv", "ndjson"))
    except (NotAcceptable, QueryError):
        return
    assert chosen in ("json", "csv", "ndjson")
    media = accepted_media(accept, ("application/ld+json", "text/turtle"), "application/json")
    assert media in (None, "application/ld+json", "text/turtle")


@given(st.text(max_size=120))
def test_any_accept_encoding_is_understood(header: str) -> None:
    assert type(accepts_gzip(header)) is bool


@given(st.sampled_from(["gzip", "GZIP", "*"]), st.floats(0, 1), st.sampled_from(["", "br, "]))
def test_gzip_is_accepted_exactly_when_its_quality_is_positive(
    coding: str, quality: float, before: str
) -> None:
    header = f"{before}{coding};q={quality:.3f}"
    assert accepts_gzip(header) is (float(f"{quality:.3f}") > 0)


@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.text(alphabet="ab=&+%2E5Ag\u00e9", max_size=12),
            st.sampled_from(["%", "%2", "%zz", "%E5%AD", "%E5%AD%A6", "+", "=", "a=", "=b", "&&"]),
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_a_query_string_is_read_as_parse_qsl_reads_it(parts: list[str], keep_blank: bool) -> None:
    raw = "".join(parts).encode("utf-8")
    expected = parse_qsl(raw.decode("latin-1"), keep_blank_values=keep_blank)
    assert query_items(raw, keep_blank=keep_blank) == expected


@given(st.lists(st.tuples(st.text(), st.text())))
def test_a_next_link_s_query_string_is_urlencode_s(params: list[tuple[str, str]]) -> None:
    assert query_string(params) == urlencode(params)


def test_a_next_link_s_query_string_quotes_what_urlencode_quotes() -> None:
    params = [("q", "学校 & parks"), ("sort", "-value,id"), ("cursor", "AQ_x-1~."), ("a+b", "c=d")]
    assert query_string(params) == urlencode(params)
    assert query_string(params).startswith("q=%E5%AD%A6%E6%A0%A1+%26+parks&sort=-value%2Cid")
