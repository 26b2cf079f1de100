from enum import StrEnum


class AuthErrorCode(StrEnum):
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_REVOKED = "token_revoked"
    WRONG_TENANT = "wrong_tenant"
    INVALID_CREDENTIALS = "invalid_credentials"
    RATE_LIMITED = "rate_limited"
    INACTIVE_ACCOUNT = "inactive_account"


_MESSAGES = {
    AuthErrorCode.INVALID_TOKEN: "Jeton ou clé d'API invalide.",
    AuthErrorCode.TOKEN_EXPIRED: "Ce jeton a expiré : reconnectez-vous.",
    AuthErrorCode.TOKEN_REVOKED: "Ce jeton ou cette clé a été révoqué.",
    AuthErrorCode.WRONG_TENANT: "Ce jeton ou cette clé n'est pas valable pour cet espace.",
    AuthErrorCode.INVALID_CREDENTIALS: "Adresse e-mail ou mot de passe incorrect.",
    AuthErrorCode.RATE_LIMITED: "Trop de tentatives de connexion : réessayez plus tard.",
    AuthErrorCode.INACTIVE_ACCOUNT: "Ce compte est désactivé.",
}


class AuthError(Exception):
    """An authentication failure with a stable code, surfaced as HTTP 401 (or 429)."""

    def __init__(self, code: AuthErrorCode, retry_after: int | None = None):
        self.code = AuthErrorCode(code)
        self.message = _MESSAGES[self.code]
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def status(self) -> int:
        return 429 if self.code == AuthErrorCode.RATE_LIMITED else 401
