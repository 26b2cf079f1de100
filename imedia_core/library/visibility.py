"""Who sees what of the resource centre: one rule for GraphQL lists and ``node(id:)`` lookups,
REST downloads and counts alike.

Readers see resources that are published and due; viewers with ``READ_UNPUBLISHED`` (staff
roles, API keys) also see drafts, scheduled and archived ones. A file is seen with its resource.
Themes are public. ``viewer`` is anything with ``has(perm)``: a ``Principal`` or a
``ServiceContext``.
"""

from django.db.models import QuerySet

from imedia_core.permissions import Perm

from .models import Resource, ResourceFile


def can_read_unpublished(viewer) -> bool:
    return viewer.has(Perm.READ_UNPUBLISHED)


def visible_resources(viewer, resources: QuerySet | None = None) -> QuerySet:
    """``resources`` (default: all) narrowed to those ``viewer`` may see."""
    resources = Resource.objects.all() if resources is None else resources
    return resources.for_reader(can_read_unpublished(viewer))


def visible_files(viewer, files: QuerySet | None = None) -> QuerySet:
    """``files`` (default: all) narrowed to those of the resources ``viewer`` may see."""
    files = ResourceFile.objects.all() if files is None else files
    return files.filter(resource__in=visible_resources(viewer))
