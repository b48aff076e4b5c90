"""A small but real OpenID Connect provider for the tests, served from a thread.

It speaks the authorization code flow over HTTP on 127.0.0.1 (discovery, authorize,
token, userinfo, JWKS) and signs ID tokens with RS256 (joserfc). The authorize step
signs in `provider.person` at once, as a provider would after the person logged in
there. `provider.tamper` makes it misbehave in one chosen way.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "mrplan-test"
CLIENT_SECRET = "provider-secret-for-tests"  # noqa: S105


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    claims: dict[str, Any]


@dataclass
class Provider:
    """The provider's state; tests set `person` and `tamper` between sign-ins."""

    issuer: str = ""
    person: dict[str, Any] = field(default_factory=dict)
    # "", "signature", "nonce", "issuer", "audience", "expired" or "userinfo-subject"
    tamper: str = ""
    key: RSAKey = field(
        default_factory=lambda: RSAKey.generate_key(
            2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"}
        )
    )
    grants: dict[str, Grant] = field(default_factory=dict)
    access_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: int = 0

    def settings(self) -> dict[str, Any]:
        """Return mrplan's settings for this provider, as discovery tells them."""
        return {
            "MRPLAN_OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
        }

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.claims,
        }
        if self.tamper == "nonce":
            claims["nonce"] = "another-nonce"
        if self.tamper == "issuer":
            claims["iss"] = "https://evil.example"
        if self.tamper == "audience":
            claims["aud"] = "another-client"
        if self.tamper == "expired":
            claims["iat"], claims["exp"] = now - 600, now - 300
        key = self.key
        if self.tamper == "signature":
            # Signed with a key the provider never published.
            key = RSAKey.generate_key(
                2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"}
            )
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    provider: Provider

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep the test output quiet."""

    def _json(self, body: Any, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        provider = self.provider
        if url.path == "/.well-known/openid-configuration":
            return self._json(provider.discovery())
        if url.path == "/jwks":
            return self._json({"keys": [provider.key.as_dict(private=False)]})
        if url.path == "/authorize":
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                return self._json({"error": "unauthorized_client"}, 400)
            if query.get("code_challenge_method") != "S256":
                return self._json({"error": "invalid_request"}, 400)
            code = secrets.token_urlsafe(16)
            provider.grants[code] = Grant(
                client_id=query["client_id"],
                redirect_uri=query["redirect_uri"],
                nonce=query.get("nonce", ""),
                code_challenge=query["code_challenge"],
                claims=dict(provider.person),
            )
            location = (
                query["redirect_uri"]
                + "?"
                + urlencode({"code": code, "state": query.get("state", "")})
            )
            self.send_response(302)
            self.send_header("Location", location)
            self.end_headers()
            return None
        if url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            claims = provider.access_tokens.get(token)
            if claims is None:
                return self._json({"error": "invalid_token"}, 401)
            claims = dict(claims)
            if provider.tamper == "userinfo-subject":
                claims["sub"] = "someone-else"
            return self._json(claims)
        return self._json({"error": "not_found"}, 404)

    def do_POST(self) -> None:
        provider = self.provider
        if urlsplit(self.path).path != "/token":
            return self._json({"error": "not_found"}, 404)
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        provider.token_requests += 1
        grant = provider.grants.pop(form.get("code", ""), None)
        if (
            form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("grant_type") != "authorization_code"
        ):
            return self._json({"error": "invalid_client"}, 401)
        if (
            grant is None
            or grant.redirect_uri != form.get("redirect_uri")
            or _challenge(form.get("code_verifier", "")) != grant.code_challenge
        ):
            return self._json({"error": "invalid_grant"}, 400)
        access_token = secrets.token_urlsafe(16)
        provider.access_tokens[access_token] = dict(grant.claims)
        return self._json(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": provider.id_token(grant),
            }
        )


class RunningProvider:
    """Start the provider on a free port of 127.0.0.1; stop it with close()."""

    def __init__(self) -> None:
        self.provider = Provider()
        handler = type("Handler", (_Handler,), {"provider": self.provider})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        host, port = self.server.server_address[:2]
        self.provider.issuer = f"http://{host!s}:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
