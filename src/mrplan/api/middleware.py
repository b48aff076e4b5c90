"""API manners: the caller's language, and caching headers on what anyone may read.

- Language: the API is not under /en/, and LocaleMiddleware keeps unprefixed paths in
  Swedish, so for /api/ the language comes from `Accept-Language` (or the language
  cookie); messages and labels follow it, and `Content-Language` says which it was.
- Caching: a successful GET answered to an anonymous caller is the same for everyone, so it
  may be cached for a few minutes (`Cache-Control: public`), and ConditionalGetMiddleware
  answers a repeated request with the same ETag by 304. Answers to a signed-in caller are
  private and never stored.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

API_PREFIX = "/api/"
PUBLIC_MAX_AGE = 300


class ApiMannersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Accept-Language", "Authorization", "Cookie"))
        if "Cache-Control" not in response.headers:
            anonymous = not request.headers.get("Authorization") and not (
                getattr(request, "user", None) and request.user.is_authenticated
            )
            if request.method in ("GET", "HEAD") and response.status_code == 200 and anonymous:
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            else:
                patch_cache_control(response, private=True, no_cache=True)
        return response
