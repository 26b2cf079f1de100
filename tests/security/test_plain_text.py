"""Plain-text fields hold text, never markup, whatever the order of decoding: an encoded tag
(``&lt;script&gt;``, or encoded twice) must not come back as a tag once entities are decoded."""

import re

import pytest
from django_tenants.utils import schema_context

from imedia_core.content.sanitize import plain_text
from imedia_core.library.models import Resource
from tests.auth.helpers import token_for

TAG = re.compile(r"<\s*[a-zA-Z/!?]")


@pytest.mark.parametrize(
    "value",
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;Titre",
        "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Titre",
        "&amp;amp;amp;amp;amp;amp;amp;amp;amp;amp;lt;img src=x onerror=alert(1)&amp;amp;amp;amp;amp;amp;amp;amp;amp;amp;gt;Titre",
        "&#60;img src=x onerror=alert(1)&#62;Titre",
        "&#x3c;b&#x3e;Titre&#x3c;/b&#x3e;",
        "<scr<script>ipt>alert(1)</script>Titre",
        "&lt;!-- commentaire --&gt;Titre",
        "&lt;&lt;b&gt;b&gt;Titre",
    ],
)
@pytest.mark.parametrize("multiline", [False, True])
def test_plain_text_never_returns_markup(value, multiline):
    text = plain_text(value, multiline=multiline)
    assert not TAG.search(text), text
    assert "Titre" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a < b et c > d", "a < b et c > d"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("<b>Gras</b> et <i>italique</i>", "Gras et italique"),
        ("1 &lt; 2", "1 < 2"),
    ],
)
def test_plain_text_keeps_ordinary_text(value, expected):
    assert plain_text(value, multiline=False) == expected


CREATE_RESOURCE = """mutation($input: ResourceCreateInput!) {
  resourceCreate(input: $input) { resource { title summary } errors { field code message } }
}"""


def test_an_encoded_script_in_a_title_never_comes_back_as_markup(api, tenant_a, make_user):
    token = token_for(make_user("admin-texte@alpha.test", "tenant_admin", tenant_a), tenant_a)
    data = api.gql(
        CREATE_RESOURCE,
        {
            "input": {
                "kind": "GUIDE",
                "title": "&lt;script&gt;alert(1)&lt;/script&gt;Guide",
                "summary": "Résumé &amp;lt;img src=x onerror=alert(1)&amp;gt; &lt;b&gt;fin&lt;/b&gt;",
            }
        },
        tenant=tenant_a,
        token=token,
    )["resourceCreate"]
    assert data["errors"] == []
    assert data["resource"] == {"title": "Guide", "summary": "Résumé fin"}
    with schema_context("alpha"):
        stored = Resource.objects.get()
    assert not TAG.search(stored.title) and not TAG.search(stored.summary)
