from tenants.auth.tokens import issue_api_key, issue_person_token


def token_for(user, tenant=None) -> str:
    return issue_person_token(user, tenant)[1]


def api_key_for(tenant, *scopes) -> str:
    return issue_api_key(tenant, "Intégrateur de test", list(scopes) or ["read"])[1]
