"""The rights of the signed-in person over their personal data (docs/privacy.md): ``myData``
(right of access, synchronous: a constant number of queries per space) and ``accountErase``
(right to erasure, with the password)."""

import graphene
from graphene.types.generic import GenericScalar

from imedia_core.privacy.access import export_person
from imedia_core.privacy.erasure import erase_person

from ..core.context import principal_of, service_context
from ..core.errors import MutationError, error_codes, error_type
from ..core.mutations import BaseMutation

PrivacyErrorCode = error_codes(
    "PrivacyErrorCode",
    "Why a personal-data mutation failed.",
    {
        "WRONG_PASSWORD": "The password given to confirm is wrong; nothing was erased.",
        "LAST_ADMIN": "The person is the only admin of a space: name another admin first.",
    },
)
PrivacyError = error_type("PrivacyError", PrivacyErrorCode, "An error returned by a personal-data mutation.")


class PersonalDataSection(graphene.ObjectType):
    class Meta:
        description = "One kind of data held about the person in one place (a register section)."

    key = graphene.String(required=True, description="The register section's key, e.g. `contributions`.")
    title = graphene.String(required=True, description="Its name in French, e.g. « Contributions ».")
    count = graphene.Int(required=True, description="How many rows are held.")

    def resolve_count(root, info):
        return len(root.rows)


class PersonalDataSpace(graphene.ObjectType):
    class Meta:
        description = "A programme space where the person has, or had, a role or a connection."

    slug = graphene.String(required=True, description="The space's identifier.")
    name = graphene.String(required=True, description="The space's name.")
    sections = graphene.List(
        graphene.NonNull(PersonalDataSection), required=True, description="What is held there, by kind."
    )


class PersonalDataExport(graphene.ObjectType):
    class Meta:
        description = "Everything the platform holds about the signed-in person, in every space (right of access)."

    generated_at = graphene.DateTime(required=True, description="When it was put together.")
    data = GenericScalar(
        required=True,
        description=(
            "The full export as JSON: `person`, `platform` (sections of the shared schema) and `spaces` "
            "(one object per space, `sections` by kind, each with its `rows`)."
        ),
    )
    summary_html = graphene.String(required=True, description="The same, as a readable French HTML page.")
    spaces = graphene.List(
        graphene.NonNull(PersonalDataSpace), required=True, description="The spaces visited, with a count per kind."
    )
    platform = graphene.List(
        graphene.NonNull(PersonalDataSection), required=True, description="What the shared schema holds, by kind."
    )

    def resolve_data(root, info):
        return root.as_json()

    def resolve_summary_html(root, info):
        return root.summary_html()


class PrivacyQueries(graphene.ObjectType):
    my_data = graphene.Field(
        PersonalDataExport,
        description=(
            "Right of access: everything held about the signed-in person across all spaces, as JSON and as a "
            "French summary. Null for anonymous callers and API keys."
        ),
    )

    def resolve_my_data(root, info):
        user = principal_of(info).user
        if user is None:
            return None
        return export_person(user)


class AccountErase(BaseMutation):
    class Arguments:
        password = graphene.String(required=True, description="The person's password, to confirm.")

    class Meta:
        description = (
            "Right to erasure: anonymise the signed-in person's contributions, comments, responses and history "
            "(« Personne anonymisée ») in every space, delete their supports, follows, reports, roles and tokens, "
            "then delete the account. Refused for the only admin of a space."
        )
        error_type = PrivacyError
        allow_anonymous = True

    erased = graphene.Boolean(description="True when the account and its traces were erased; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, password):
        if principal.user is None:
            raise MutationError("UNAUTHENTICATED", "Connectez-vous pour effacer votre compte.")
        ctx = service_context(info)
        erase_person(ctx, principal.user, password=password)
        return cls(erased=True, errors=[])


class PrivacyMutations(graphene.ObjectType):
    account_erase = AccountErase.Field()
