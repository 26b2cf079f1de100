"""The resource centre: resources, their files and revisions, themes; each successful mutation
with the events it writes."""

from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.library import services
from imedia_core.library.models import ResourceFile

from . import Case

PAYLOAD = "errors { field code message }"


def _gid(type_name, row):
    return TenantNode.to_global_id(type_name, row.pk)


def _resource(ctx, title="Guide de l'accueil"):
    return services.create_resource(ctx["service"], {"kind": "guide", "title": title})


def _theme(ctx):
    return services.create_theme(ctx["service"], {"name": "Mobilisation"})


def _revised_resource(ctx):
    """A draft with two revisions: its creation, then a new title."""
    resource = _resource(ctx, "Première version")
    return services.update_resource(ctx["service"], resource, {"title": "Deuxième version"})


def _file(ctx):
    # A row is enough: deleting it removes stored content once committed, which may be absent.
    return ResourceFile.objects.create(
        resource=_resource(ctx),
        file="resources/cas/guide.pdf",
        original_name="guide.pdf",
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
    )


CASES = [
    Case(
        mutation="resourceCreate",
        document=f"mutation($input: ResourceCreateInput!) {{ resourceCreate(input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"input": {"kind": "GUIDE", "title": "Guide de l'animateur"}},
        events=("resource.created",),
    ),
    Case(
        mutation="resourceUpdate",
        document=(
            "mutation($id: ID!, $input: ResourceUpdateInput!) "
            f"{{ resourceUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": _gid("Resource", _resource(ctx)), "input": {"summary": "Pour bien accueillir."}},
        events=("resource.updated",),
    ),
    # A draft published now: the publication subscribers wait for.
    Case(
        mutation="resourcePublish",
        document=f"mutation($id: ID!) {{ resourcePublish(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Resource", _resource(ctx))},
        events=("resource.published",),
    ),
    Case(
        mutation="resourceArchive",
        document=f"mutation($id: ID!) {{ resourceArchive(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Resource", _resource(ctx))},
        events=("resource.archived",),
    ),
    Case(
        mutation="resourceDelete",
        document=f"mutation($id: ID!) {{ resourceDelete(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Resource", _resource(ctx))},
        events=("resource.deleted",),
    ),
    # Back to the first revision, a draft like the current state: no publication.
    Case(
        mutation="resourceRestoreRevision",
        document=f"mutation($id: ID!) {{ resourceRestoreRevision(id: $id, number: 1) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Resource", _revised_resource(ctx))},
        events=("resource.revision_restored",),
    ),
    Case(
        mutation="resourceFileDelete",
        document=f"mutation($id: ID!) {{ resourceFileDelete(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("ResourceFile", _file(ctx))},
        events=("resource.file_deleted",),
    ),
    Case(
        mutation="themeCreate",
        document=f"mutation($input: ThemeInput!) {{ themeCreate(input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"input": {"name": "Évaluation"}},
        events=("theme.created",),
    ),
    Case(
        mutation="themeUpdate",
        document=f"mutation($id: ID!, $input: ThemeInput!) {{ themeUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Theme", _theme(ctx)), "input": {"description": "Faire venir du monde."}},
        events=("theme.updated",),
    ),
    Case(
        mutation="themeDelete",
        document=f"mutation($id: ID!) {{ themeDelete(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _gid("Theme", _theme(ctx))},
        events=("theme.deleted",),
    ),
]
