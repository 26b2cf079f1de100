"""The one error type business services raise when they refuse a change.

Services (``imedia_core/<domain>/services.py``) know nothing of GraphQL, REST or the admin:
they raise ``ServiceError`` with ``{field, code, message}`` entries. ``BaseMutation`` turns it
into typed errors (and rolls back), the admin into form errors, REST into its JSON shape.
"""


class ServiceError(Exception):
    """A refused change. ``code`` values belong to the domain's GraphQL error-code enum;
    ``field`` names the input (snake_case or camelCase), or is None for the whole input."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(error["message"] for error in errors))

    @classmethod
    def single(cls, code: str, message: str, field: str | None = None):
        return cls([{"field": field, "code": code, "message": message}])

    @property
    def code(self) -> str:
        return self.errors[0]["code"]

    @property
    def message(self) -> str:
        return self.errors[0]["message"]

    @property
    def field(self) -> str | None:
        return self.errors[0]["field"]


class ErrorCollector:
    """Gathers every refusal of a multi-field input before raising them together, so a form or a
    client learns all that is wrong at once.

    ``field_names`` maps a service's field names to the names the API uses (``phase_id`` →
    ``phaseId``) when they differ.
    """

    def __init__(self, field_names: dict[str, str] | None = None):
        self.errors: list[dict] = []
        self._field_names = field_names or {}

    def add(self, field: str | None, code: str, message: str) -> None:
        self.errors.append({"field": self._field_names.get(field, field) if field else None, "code": code, "message": message})

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ServiceError(self.errors)
