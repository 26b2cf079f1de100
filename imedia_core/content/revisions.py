"""Revisions: every save through a service or mutation records one; any can be restored.

A model opts in by declaring ``REVISION_FIELDS`` (its editable concrete fields, by name) and,
optionally, ``REVISION_M2M`` (many-to-many fields stored as lists of primary keys) and a
``revision_extra()`` method returning more JSON to keep (e.g. a phase's items); restoring that
part is the domain's business.
Restoring writes the snapshot back and records it as a new revision, so history only grows.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max

from imedia_core.context import person_label

from .models import Revision


def _json_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def snapshot(obj) -> dict:
    data = {}
    for name in obj.REVISION_FIELDS:
        field = obj._meta.get_field(name)
        data[name] = _json_value(getattr(obj, field.attname))
    for name in getattr(obj, "REVISION_M2M", ()):
        data[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
    extra = getattr(obj, "revision_extra", None)
    if extra is not None:
        data.update(extra())
    return data


def record_revision(obj, *, actor=None, summary: str = "") -> Revision:
    """Append a revision of ``obj`` as it is now (call after saving it and its relations)."""
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        # Serialise revision numbering per object.
        type(obj).objects.select_for_update().filter(pk=obj.pk).exists()
        last = Revision.objects.filter(content_type=content_type, object_id=obj.pk).aggregate(n=Max("number"))["n"]
        return Revision.objects.create(
            content_type=content_type,
            object_id=obj.pk,
            number=(last or 0) + 1,
            data=snapshot(obj),
            summary=summary[:300],
            author_id=getattr(actor, "pk", None),
            author_label=person_label(actor) if actor is not None else "",
        )


def revisions_of(obj):
    return Revision.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def restore_revision(obj, revision: Revision, *, actor=None):
    """Write ``revision``'s snapshot back onto ``obj`` and record that as a new revision."""
    if revision.object_id != obj.pk or revision.content_type_id != ContentType.objects.get_for_model(obj).pk:
        raise ValueError("revision of another object")
    with transaction.atomic():
        for name in obj.REVISION_FIELDS:
            if name in revision.data:
                field = obj._meta.get_field(name)
                setattr(obj, field.attname, field.to_python(revision.data[name]))
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        for name in getattr(obj, "REVISION_M2M", ()):
            if name in revision.data:
                related = obj._meta.get_field(name).related_model
                getattr(obj, name).set(related.objects.filter(pk__in=revision.data[name]))
        return record_revision(obj, actor=actor, summary=f"Restauration de la version {revision.number}")
