"""Cycle templates: the bundled French templates, instantiation, provisioning, re-applying."""

import copy

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import revisions_of
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.cycle.models import Cycle, Phase, PhaseItem, PhaseItemKind, PhaseResource
from imedia_core.cycle.templates import (
    CycleTemplate,
    ItemTemplate,
    PhaseTemplate,
    ResourceTemplate,
    apply_template,
    instantiate,
)
from imedia_core.events.models import OutboxEvent
from imedia_core.library.models import Resource, Theme
from tenants.provisioning import TenantSpec, provision_tenant

SYSTEM = ServiceContext.system(Channel.CLI)
BUNDLED = ("generique", "imediatisation", "conseils_citoyens", "amelioration_continue_formation", "participation_rsa")


def test_bundled_templates_have_real_content(templates):
    assert set(BUNDLED) <= set(templates)
    assert [p.slug for p in templates["imediatisation"].phases] == [
        "groupe-projet-mixte",
        "ateliers-de-co-construction",
        "tests-et-ameliorations",
        "experimentation-de-terrain",
        "deploiement",
    ]
    for key in BUNDLED:
        template = templates[key]
        assert 3 <= len(template.starter_resources) <= 6, key
        linked = {slug for phase in template.phases for slug in phase.resources}
        assert linked == {resource.slug for resource in template.starter_resources}, key
        for phase in template.phases:
            assert phase.summary and phase.body, (key, phase.slug)
            for kind, items in phase.items_by_kind():
                assert 2 <= len(items) <= 4, (key, phase.slug, kind)
                for item in items:
                    assert item.summary.endswith((".", "!", "?")), (key, item.title)
                    assert len(item.body) > 60, (key, item.title)


@pytest.mark.parametrize("key", BUNDLED)
def test_instantiation_copies_the_template(key, templates, tenant_a):
    template = templates[key]
    with schema_context("alpha"):
        cycle = instantiate(SYSTEM, template)
        phases = list(cycle.phases.order_by("position"))
        assert [p.slug for p in phases] == [p.slug for p in template.phases]
        assert [p.position for p in phases] == list(range(len(phases)))
        assert [p.is_current for p in phases] == [True] + [False] * (len(phases) - 1)
        assert all(p.status == PublicationStatus.PUBLISHED and p.is_visible for p in phases)
        for phase, spec in zip(phases, template.phases, strict=True):
            for kind, items in spec.items_by_kind():
                stored = list(phase.items.filter(kind=kind).order_by("position"))
                assert [i.title for i in stored] == [i.title for i in items]
                assert len(stored) > 0
            links = list(phase.resource_links.order_by("position").values_list("resource__slug", flat=True))
            assert links == list(spec.resources)
            revision = revisions_of(phase).get()
            assert len(revision.data["items"]) == phase.items.count()
        resources = Resource.objects.filter(slug__in=[r.slug for r in template.starter_resources])
        assert resources.count() == len(template.starter_resources)
        assert all(r.status == PublicationStatus.PUBLISHED and r.is_visible for r in resources)
        assert all(r.themes.exists() for r in resources)
        assert cycle.template_key == key and cycle.is_active


def test_reapplying_reuses_resources_and_keeps_the_past_cycle(templates, tenant_a):
    with schema_context("alpha"):
        first = instantiate(SYSTEM, templates["participation_rsa"])
        resource = Resource.objects.get(slug="methode-photolangage")
        resource.title = "Photolangage (version locale)"
        resource.save()
        themes = Theme.objects.count()
        second = instantiate(SYSTEM, templates["generique"])  # shares the photolangage resource
        assert Resource.objects.filter(slug="methode-photolangage").count() == 1
        assert Resource.objects.get(slug="methode-photolangage").title == "Photolangage (version locale)"
        assert Theme.objects.count() >= themes
        first.refresh_from_db()
        assert not first.is_active and second.is_active
        assert Cycle.objects.filter(is_active=True).get() == second
        assert first.phases.count() == len(templates["participation_rsa"].phases)
        link = PhaseResource.objects.get(phase__cycle=second, resource__slug="methode-photolangage")
        assert link.resource_id == resource.pk


def test_provisioning_with_rsa_instantiates_its_cycle_in_that_tenant_only(db, operator, tenant_a, tenant_b, templates):
    with schema_context("alpha"):
        alpha_before = (Cycle.objects.count(), Phase.objects.count(), Resource.objects.count())
    with schema_context("beta"):
        beta_before = (Cycle.objects.count(), Phase.objects.count(), Resource.objects.count())
    provision_tenant(
        SYSTEM, TenantSpec(slug="rsaprov", name="RSA", operator=operator, domains=["rsaprov.test"], template="rsa")
    )
    with schema_context("rsaprov"):
        cycle = Cycle.objects.get()
        assert cycle.template_key == "participation_rsa"
        assert cycle.phases.count() == len(templates["participation_rsa"].phases)
        assert PhaseItem.objects.count() > 0
        assert Resource.objects.count() == len(templates["participation_rsa"].starter_resources)
    with schema_context("alpha"):
        assert (Cycle.objects.count(), Phase.objects.count(), Resource.objects.count()) == alpha_before
    with schema_context("beta"):
        assert (Cycle.objects.count(), Phase.objects.count(), Resource.objects.count()) == beta_before


@pytest.mark.parametrize(
    ("tenant_template", "cycle_key"),
    [
        ("formation_professionnelle", "amelioration_continue_formation"),
        ("conseils_citoyens", "conseils_citoyens"),
        ("equipement_social", "generique"),
        ("vierge", None),
        (None, None),
    ],
)
def test_tenant_templates_map_to_cycle_templates(db, operator, tenant_template, cycle_key):
    provision_tenant(SYSTEM, TenantSpec(slug="mapping", name="Mapping", operator=operator, template=tenant_template))
    with schema_context("mapping"):
        assert list(Cycle.objects.values_list("template_key", flat=True)) == ([cycle_key] if cycle_key else [])


def test_provisioning_skips_the_cycle_when_the_plugin_is_disabled(db, operator):
    provision_tenant(
        SYSTEM,
        TenantSpec(
            slug="sanscycle",
            name="Sans cycle",
            operator=operator,
            template="rsa",
            plugin_settings={"cycle_templates": {"enabled": False}},
        ),
    )
    with schema_context("sanscycle"):
        assert not Cycle.objects.exists()


def test_editing_a_tenant_copy_touches_neither_the_template_nor_other_tenants(templates, tenant_a, tenant_b):
    template = templates["conseils_citoyens"]
    pristine = copy.deepcopy(template)
    with schema_context("beta"):
        instantiate(SYSTEM, template)
        beta_titles = list(Phase.objects.order_by("position").values_list("title", flat=True))
    with schema_context("alpha"):
        cycle = instantiate(SYSTEM, template)
        phase = cycle.phases.get(position=0)
        services.update_phase(SYSTEM, phase, title="Notre conseil, notre façon", body="<p>À nous</p>")
        item = phase.items.filter(kind=PhaseItemKind.STAKE).first()
        services.update_item(SYSTEM, item, title="Un enjeu local")
        services.delete_phase(SYSTEM, cycle.phases.get(position=1))
    assert template == pristine
    assert template.phases[0].title == "Constituer le conseil citoyen"
    with schema_context("beta"):
        assert list(Phase.objects.order_by("position").values_list("title", flat=True)) == beta_titles
        assert not PhaseItem.objects.filter(title="Un enjeu local").exists()


def test_template_objects_are_immutable(templates):
    template = templates["generique"]
    assert isinstance(template.phases, tuple)
    assert isinstance(template.phases[0].stakes, tuple)
    with pytest.raises(AttributeError):
        template.phases[0].title = "autre"


def test_template_definitions_are_checked():
    item = ItemTemplate("Enjeu")
    with pytest.raises(ValueError, match="share a slug"):
        CycleTemplate(key="x", name="X", phases=[PhaseTemplate("a", "A"), PhaseTemplate("a", "B")])
    with pytest.raises(ValueError, match="unknown resources"):
        CycleTemplate(key="x", name="X", phases=[PhaseTemplate("a", "A", stakes=[item], resources=["absente"])])
    with pytest.raises(TypeError):
        PhaseTemplate("a", "A", stakes=["pas un ItemTemplate"])
    ok = CycleTemplate(
        key="x",
        name="X",
        phases=[PhaseTemplate("a", "A", resources=["r"])],
        starter_resources=[ResourceTemplate("r", "R", "tool")],
    )
    assert ok.phases[0].resources == ("r",)


def test_apply_new_cycle_archives_the_current_one(cycle_a, templates):
    with schema_context("alpha"):
        new = apply_template(SYSTEM, templates["imediatisation"], "new_cycle")
        cycle_a.refresh_from_db()
        assert not cycle_a.is_active and new.is_active
        assert new.phases.count() == 5
        assert cycle_a.phases.count() == len(templates["generique"].phases)


def test_apply_reset_rewrites_phases_and_keeps_resources(cycle_a, templates):
    with schema_context("alpha"):
        kept = cycle_a.phases.get(slug="mobiliser")
        services.update_phase(SYSTEM, kept, title="Mobiliser (local)")
        services.create_item(SYSTEM, kept, kind="stake", title="Un enjeu ajouté")
        local = Resource.objects.create(slug="ressource-locale", title="Locale", kind="tool")
        services.link_resource(SYSTEM, kept, local)
        extra = services.create_phase(SYSTEM, cycle_a, title="Phase locale")
        resources_before = Resource.objects.count()
        cycle = apply_template(SYSTEM, templates["generique"], "reset")
        assert cycle.pk == cycle_a.pk
        assert Cycle.objects.count() == 1
        assert not Phase.objects.filter(pk=extra.pk).exists()
        kept.refresh_from_db()
        assert kept.title == "Mobiliser" and kept.is_current
        assert not kept.items.filter(title="Un enjeu ajouté").exists()
        assert kept.resource_links.filter(resource=local).exists()
        assert Resource.objects.count() == resources_before
        # The local version is still in the history, items included.
        local_version = revisions_of(kept).filter(data__title="Mobiliser (local)").order_by("-number").first()
        assert local_version is not None
        assert any(i["title"] == "Un enjeu ajouté" for i in revisions_of(kept).get(number=3).data["items"])


def test_reset_without_an_active_cycle_starts_one(tenant_a, templates):
    with schema_context("alpha"):
        assert not Cycle.objects.exists()
        cycle = apply_template(SYSTEM, templates["generique"], "reset")
        assert cycle.is_active and cycle.phases.count() == 5


def test_applying_a_template_is_one_event_naming_what_it_made(tenant_a, templates, make_user):
    ctx = ServiceContext.for_user(make_user("cycle@alpha.test", "tenant_admin", tenant_a), tenant_a, Channel.GRAPHQL)
    template = templates["participation_rsa"]
    with schema_context("alpha"):
        last = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        cycle = apply_template(ctx, template, "new_cycle")
        phases = list(cycle.phases.order_by("position").values_list("pk", flat=True))
        starters = Resource.objects.filter(slug__in=[spec.slug for spec in template.starter_resources])
        starter_ids = sorted(starters.values_list("pk", flat=True))
        local = services.create_phase(ctx, cycle, title="Phase locale")
        apply_template(ctx, template, "reset")
        events = list(OutboxEvent.objects.filter(id__gt=last).order_by("id"))
        entries = list(AuditEntry.objects.order_by("-id").values_list("action", "via", "actor_id")[:3])
    assert [event.type for event in events] == ["cycle.instantiated", "phase.created", "cycle.reset"]
    assert events[0].payload == {
        "id": cycle.pk,
        "name": template.name,
        "templateKey": "participation_rsa",
        "isActive": True,
        "phaseIds": phases,
        "createdResourceIds": starter_ids,
    }
    assert events[2].payload["phaseIds"] == phases and events[2].payload["deletedPhaseIds"] == [local.pk]
    assert events[2].payload["createdResourceIds"] == []  # the starter resources were there already
    assert entries == [(event.type, "graphql", ctx.user_id) for event in reversed(events)]


def test_provisioning_writes_the_cycle_event_but_only_one_journal_line(db, operator):
    provision_tenant(SYSTEM, TenantSpec(slug="rsaevent", name="RSA", operator=operator, template="rsa"))
    with schema_context("rsaevent"):
        cycle = Cycle.objects.get()
        assert OutboxEvent.objects.filter(type="cycle.instantiated", subject_id=str(cycle.pk)).count() == 1
        assert not AuditEntry.objects.filter(action="cycle.instantiated").exists()
