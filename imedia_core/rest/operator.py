"""Operator endpoints: list, provision, suspend, archive, reactivate and delete tenants.

Served on platform hosts only. A platform superuser sees every tenant; an operator admin sees
and manages only the tenants of their operators. The provisioning itself is
``tenants.provisioning``, shared with the CLI.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.permissions import can_manage_operator_tenants
from tenants.models import Domain, Operator, PolicyArea, Tenant, TenantStatus
from tenants.provisioning import TenantSpec, delete_tenant, provision_tenant, set_status
from tenants.templates import available_templates


class IsOperatorAdmin(BasePermission):
    message = "Réservé aux administrateurs d'opérateur."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return user.is_superuser or user.operator_memberships.exists()


class TenantSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="schema_name", read_only=True)
    operator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    domains = serializers.SerializerMethodField()

    class Meta:
        model = Tenant
        fields = [
            "slug",
            "name",
            "policy_area",
            "territory",
            "locale",
            "status",
            "status_reason",
            "operator",
            "template_key",
            "domains",
            "plugin_settings",
            "created_at",
            "updated_at",
        ]

    def get_domains(self, tenant) -> list[str]:
        return [domain.domain for domain in tenant.domains.all()]


class TenantCreateSerializer(serializers.Serializer):
    slug = serializers.CharField(max_length=48)
    name = serializers.CharField(max_length=200)
    operator = serializers.SlugField(required=False, help_text="Operator slug; optional if you administer only one.")
    policy_area = serializers.ChoiceField(choices=PolicyArea.choices, required=False)
    territory = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    locale = serializers.CharField(max_length=10, required=False)
    template = serializers.CharField(max_length=64, required=False, help_text="Key of a tenant template.")
    domains = serializers.ListField(child=serializers.CharField(max_length=253), required=False, default=list)


class StatusSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


def _operator_context(request) -> ServiceContext:
    """An operator acts for the platform on the tenants they may manage (checked by the view)."""
    return ServiceContext.system(Channel.REST, actor=request.user)


def _provisioning_error(exc: ServiceError) -> Response:
    conflicts = {"tenant_exists", "schema_exists", "domain_taken", "migration_in_progress"}
    code = status.HTTP_409_CONFLICT if exc.code in conflicts else 400
    body = {"error": {"code": exc.code, "message": exc.message, "field": exc.field}}
    return Response(body, status=code)


SLUG_PARAMETER = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The tenant's slug.")


class TemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    policy_area = serializers.CharField(allow_null=True)


@extend_schema_view(
    list=extend_schema(summary="Tenants you may manage."),
    retrieve=extend_schema(summary="One tenant.", parameters=[SLUG_PARAMETER]),
    suspend=extend_schema(parameters=[SLUG_PARAMETER]),
    archive=extend_schema(parameters=[SLUG_PARAMETER]),
    reactivate=extend_schema(parameters=[SLUG_PARAMETER]),
    destroy=extend_schema(parameters=[SLUG_PARAMETER]),
)
class TenantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TenantSerializer
    permission_classes = [IsOperatorAdmin]
    lookup_field = "schema_name"
    lookup_url_kwarg = "slug"

    def get_queryset(self):
        tenants = (
            Tenant.objects.programmes()
            .select_related("operator")
            .prefetch_related(Prefetch("domains", queryset=Domain.objects.order_by("-is_primary", "domain")))
        )
        user = self.request.user
        if not user.is_superuser:
            tenants = tenants.filter(operator__admins__user=user)
        return tenants.order_by("schema_name")

    def _operator_for(self, slug: str | None) -> Operator:
        user = self.request.user
        if slug:
            operator = Operator.objects.filter(slug=slug).first()
            if operator is None:
                raise NotFound(f"Opérateur inconnu « {slug} ».")
            if not can_manage_operator_tenants(user, operator.pk):
                raise PermissionDenied("Vous n'administrez pas cet opérateur.")
            return operator
        operators = list(Operator.objects.filter(admins__user=user)[:2])
        if len(operators) != 1:
            raise serializers.ValidationError({"operator": ["Précisez l'opérateur (slug)."]})
        return operators[0]

    @extend_schema(
        summary="Provision a tenant by cloning the template schema.",
        request=TenantCreateSerializer,
        responses={201: TenantSerializer},
    )
    def create(self, request):
        payload = TenantCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        operator = self._operator_for(data.pop("operator", None))
        template = data.pop("template", None)
        spec = TenantSpec(operator=operator, template=template, **data)
        try:
            result = provision_tenant(_operator_context(request), spec)
        except ServiceError as exc:
            return _provisioning_error(exc)
        return Response(TenantSerializer(result.tenant).data, status=201)

    def _change_status(self, request, new_status):
        tenant = self.get_object()
        payload = StatusSerializer(data=request.data or {})
        payload.is_valid(raise_exception=True)
        set_status(_operator_context(request), tenant, new_status, payload.validated_data["reason"])
        return Response(TenantSerializer(tenant).data)

    @extend_schema(summary="Suspend a tenant: its API answers 403 until reactivated.", request=StatusSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, slug=None):
        return self._change_status(request, TenantStatus.SUSPENDED)

    @extend_schema(summary="Archive a tenant: its API answers 410; data is kept.", request=StatusSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, slug=None):
        return self._change_status(request, TenantStatus.ARCHIVED)

    @extend_schema(summary="Reactivate a suspended or archived tenant.", request=StatusSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, slug=None):
        return self._change_status(request, TenantStatus.ACTIVE)

    @extend_schema(
        summary="Delete a tenant and drop its schema. Requires `?confirm=<slug>`.",
        parameters=[OpenApiParameter("confirm", str, required=True, description="The tenant's slug, repeated.")],
        responses={204: None},
    )
    def destroy(self, request, slug=None):
        tenant = self.get_object()
        try:
            delete_tenant(_operator_context(request), tenant, confirm=request.query_params.get("confirm"))
        except ServiceError as exc:
            return _provisioning_error(exc)
        return Response(status=204)


class TemplateViewSet(viewsets.ViewSet):
    permission_classes = [IsOperatorAdmin]

    @extend_schema(
        summary="Tenant templates available for provisioning.", responses={200: TemplateSerializer(many=True)}
    )
    def list(self, request):
        return Response(
            [
                {"key": t.key, "label": t.label, "description": t.description, "policy_area": t.policy_area}
                for t in available_templates().values()
            ]
        )
