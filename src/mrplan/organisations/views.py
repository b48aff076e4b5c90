from django.http import HttpRequest, HttpResponse


def organisation_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("")
