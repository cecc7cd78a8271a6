"""With the real model: role shapes common in wire copy and reference text (the project's own sentences)."""

import pytest

import newsgraph

pytestmark = pytest.mark.model


def role_rows(text):
    result = newsgraph.extract(text)

    def name(entity_id):
        entity = result.entity(entity_id)
        return entity.name if entity else None
    return [(name(r.person), r.role, name(r.organization), name(r.jurisdiction), r.qualifier) for r in result.roles]


@pytest.mark.parametrize("text, expected", [
    ("Tom Okafor former leader of the National Liberation Front died in Lagos on Monday.",
     ("Tom Okafor", "leader", "National Liberation Front", None, "former")),
    ("The Moroccan ambassador Youssef Amrani said on Monday that Morocco would sign the accord.",
     ("Youssef Amrani", "ambassador", None, "Morocco", None)),
    ("Lagos Gov. Babajide Sanwo-Olu spoke on Monday.",
     ("Babajide Sanwo-Olu", "governor", None, "Lagos", None)),
    ("Ann Lee resigned as chief executive of Barclays on Monday.",
     ("Ann Lee", "chief executive", "Barclays", None, None)),
    ("Maria Lopez said the Central Bank of Nigeria under Governor Godwin Emefiele would act.",
     ("Godwin Emefiele", "governor", "Central Bank of Nigeria", None, None)),
])
def test_role_shapes(text, expected):
    assert expected in role_rows(text)
