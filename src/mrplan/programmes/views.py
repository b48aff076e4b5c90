from django.http import HttpRequest, HttpResponse


def programme_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("")


def action_plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("")


def development_area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("")


def target_group_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def sdg_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
