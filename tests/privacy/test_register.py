"""The register of personal data (imedia_core/privacy/register.py) against the models of every
installed app, core and plugins, and against docs/privacy.md, the register people read."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from imedia_core.privacy.defaults import RETENTION_DEFAULTS
from imedia_core.privacy.register import OnErasure, full_register

ROOT = Path(__file__).resolve().parents[2]

# Words that make a field look personal: people's ids, names and labels, e-mails, addresses,
# secrets that authenticate a person, and free text people write.
PERSONAL_WORDS = {
    "email", "ip", "client", "display", "password", "token", "secret", "session", "hash",
    "user", "author", "actor", "reporter", "responder", "facilitator", "owner", "uploaded", "by",
    "label", "name", "body", "text", "reason", "conclusions", "priorities", "summary", "payload",
    "repr", "message", "original", "outcome", "description",
}  # fmt: skip
# Technical fields whose names contain such a word but never hold data about a person.
IGNORED = {"contenttypes.ContentType": {"app_label"}, "tenants.Tenant": {"schema_name"}}


def looks_personal(model, model_field) -> bool:
    if model_field.is_relation and model_field.related_model is apps.get_model(settings.AUTH_USER_MODEL):
        return True
    if model_field.name in IGNORED.get(model._meta.label, set()):
        return False
    return bool(set(model_field.name.split("_")) & PERSONAL_WORDS)


def declared_fields():
    register = full_register()
    declared: dict[str, set[str]] = {}
    for entry in [*register.personal, *register.not_personal]:
        declared.setdefault(entry.model.lower(), set()).update(entry.fields)
    return register, declared


def test_every_field_that_looks_personal_is_in_the_register():
    _, declared = declared_fields()
    missing = []
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if looks_personal(model, model_field) and model_field.name not in declared.get(
                model._meta.label_lower, set()
            ):
                missing.append(f"{model._meta.label}.{model_field.name}")
    assert not missing, f"Declare these fields in imedia_core/privacy/register.py (or the plugin's hook): {missing}"


def test_the_register_names_only_fields_that_exist():
    register, _ = declared_fields()
    wrong = []
    for entry in [*register.personal, *register.not_personal]:
        model = apps.get_model(entry.model)
        names = {f.name for f in model._meta.concrete_fields} | {f.attname for f in model._meta.concrete_fields}
        extra = [entry.person] if getattr(entry, "person", "") else []
        extra += [*getattr(entry, "labels", ()), *getattr(entry, "copies", ())]
        for name in [*entry.fields, *extra]:
            if name not in names and name != "id":
                wrong.append(f"{entry.model}.{name}")
        if getattr(entry, "counter", None):
            fk, counter = entry.counter
            target = model._meta.get_field(fk).related_model
            assert counter in {f.name for f in target._meta.concrete_fields}
    assert not wrong, wrong


def test_every_entry_says_what_erasure_does_and_can_be_applied():
    register, _ = declared_fields()
    sections = [entry.section for entry in register.personal]
    assert len(sections) == len(set(sections)), "section keys are unique"
    for entry in register.personal:
        model = apps.get_model(entry.model)
        assert entry.what and entry.purpose and entry.legal_basis and entry.audience and entry.retention.describe()
        if entry.on_erasure in (OnErasure.ANONYMISE, OnErasure.DELETE):
            assert entry.person, f"{entry.model}: erasure needs the field holding the person's id"
        if entry.on_erasure == OnErasure.ANONYMISE:
            nullable = entry.person == "id" or model._meta.get_field(entry.person).null
            assert nullable or entry.labels, f"{entry.model}: nothing would be anonymised"


def test_the_document_lists_every_entry_with_its_retention():
    text = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    register, _ = declared_fields()
    for entry in register.personal:
        matching = [row for row in rows if f"`{entry.model}`" in row and f"`{entry.section}`" in row]
        assert matching, f"docs/privacy.md has no row for {entry.model} ({entry.section})"
        row = matching[0]
        for name in entry.fields:
            assert re.search(rf"\b{re.escape(name)}\b", row), f"{entry.section}: field {name} missing from the row"
        assert entry.retention.describe() in row, f"{entry.section}: retention differs ({entry.retention.describe()})"


def test_retention_settings_are_documented_with_their_defaults():
    privacy = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    configuration = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name, days in RETENTION_DEFAULTS.items():
        assert getattr(settings, name) == days  # the test settings keep the defaults
        assert re.search(rf"`{name}`[^\n]*\b{days}\b", configuration), f"docs/configuration.md: {name}"
        assert f"{days} jours (`{name}`)" in privacy, f"docs/privacy.md: {name}"
