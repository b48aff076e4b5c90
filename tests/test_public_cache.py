"""The server-side cache of anonymous public pages and its invalidation."""

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from mrplan.core.csrf_placeholder import TOKEN_PLACEHOLDER
from mrplan.planning.models import Goal
from mrplan.programmes.actions import programme_update
from mrplan.public import actions
from mrplan.public.cache import HEADER, generation
from tests.test_public_views import PublicPlanTestCase

CACHED = override_settings(
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "mrplan.public.cache.PublicPageCacheMiddleware",
    ],
    MRPLAN_PUBLIC_CACHE_SECONDS=300,
)


@CACHED
class PublicCacheTests(PublicPlanTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()

    def test_the_second_anonymous_request_is_a_hit_without_any_query(self) -> None:
        self.publish_plan()
        client = self.client_for(None)
        first = client.get(self.url())
        self.assertEqual(first[HEADER], "miss")
        with self.assertNumQueries(0):
            second = client.get(self.url())
        self.assertEqual(second[HEADER], "hit")
        self.assertContains(second, "Publicerat mål 0")
        self.assertIn("Cookie", second["Vary"])

    def test_every_reader_gets_their_own_csrf_token(self) -> None:
        self.publish_plan()
        first = self.client_for(None).get(self.url())
        second = self.client_for(None).get(self.url())
        self.assertEqual(second[HEADER], "hit")
        self.assertNotIn(TOKEN_PLACEHOLDER, second.content)
        self.assertIn("csrftoken", second.cookies)
        self.assertNotEqual(first.cookies["csrftoken"].value, second.cookies["csrftoken"].value)
        self.assertContains(second, 'name="csrfmiddlewaretoken"')

    def test_the_language_switcher_works_on_a_cached_page(self) -> None:
        self.publish_plan()
        self.client_for(None).get(self.url())
        client = self.client_for(None)
        client.handler.enforce_csrf_checks = True
        page = client.get(self.url())
        self.assertEqual(page[HEADER], "hit")
        token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]
        response = client.post(
            reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
        )
        self.assertEqual(response.status_code, 302)

    def test_a_signed_in_reader_is_never_served_from_the_cache(self) -> None:
        self.publish_plan()
        self.client_for(None).get(self.url())
        client = self.client_for(self.reader)
        for _ in range(2):
            response = client.get(self.url())
            self.assertEqual(response.status_code, 200)
            self.assertNotIn(HEADER, response)
            self.assertContains(response, self.reader.first_name)

    def test_a_signed_in_page_is_never_stored_for_anonymous_readers(self) -> None:
        self.publish_plan()
        self.client_for(self.reader).get(self.url())
        response = self.client_for(None).get(self.url())
        self.assertEqual(response[HEADER], "miss")
        self.assertNotContains(response, self.reader.first_name)

    def test_other_methods_and_private_pages_are_not_cached(self) -> None:
        self.publish_plan()
        client = self.client_for(None)
        self.assertNotIn(HEADER, client.head(self.url()))
        self.assertNotIn(HEADER, client.post(self.url()))
        for _ in range(2):
            login = client.get(reverse("accounts-login"))
            self.assertNotIn(HEADER, login)

    def test_missing_pages_and_bad_requests_are_not_stored(self) -> None:
        client = self.client_for(None)
        for url in (self.url(slug="finns-inte"), reverse("public-target-groups") + "?ar=x"):
            with self.subTest(url=url):
                self.assertEqual(client.get(url)[HEADER], "miss")
                self.assertEqual(client.get(url)[HEADER], "miss")

    def test_publishing_a_goal_makes_the_next_request_a_miss_with_the_new_goal(self) -> None:
        self.publish_plan()
        client = self.client_for(None)
        client.get(self.url())
        goal = self.make_goal(title="Nypublicerat mål")
        self.assertEqual(client.get(self.url())[HEADER], "miss")  # creating it bumped
        self.assertEqual(client.get(self.url())[HEADER], "hit")
        actions.publish(actor=self.coordinator, obj=goal)
        response = client.get(self.url())
        self.assertEqual(response[HEADER], "miss")
        self.assertContains(response, "Nypublicerat mål")

    def test_unpublishing_a_goal_removes_it_from_the_next_response(self) -> None:
        self.publish_plan(goals=2)
        client = self.client_for(None)
        self.assertContains(client.get(self.url()), "Publicerat mål 1")
        self.assertEqual(client.get(self.url())[HEADER], "hit")
        actions.unpublish(actor=self.coordinator, obj=Goal.objects.get(title="Publicerat mål 1"))
        response = client.get(self.url())
        self.assertEqual(response[HEADER], "miss")
        self.assertNotContains(response, "Publicerat mål 1")

    def test_editing_a_programme_shows_the_new_text_on_the_next_request(self) -> None:
        programme = self.action_plan.programme
        url = programme.get_absolute_url()
        client = self.client_for(None)
        first = client.get(url)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(client.get(url)[HEADER], "hit")
        before = generation()
        programme_update(
            actor=self.coordinator, programme=programme, data={"title": "Ett nytt programnamn"}
        )
        self.assertGreater(generation(), before)
        response = client.get(url)
        self.assertEqual(response[HEADER], "miss")
        self.assertContains(response, "Ett nytt programnamn")

    def test_english_and_swedish_are_cached_separately(self) -> None:
        self.publish_plan()
        client = self.client_for(None)
        swedish, english = self.url(), "/en" + self.url()
        self.assertEqual(client.get(swedish)[HEADER], "miss")
        response = client.get(english)
        self.assertEqual(response[HEADER], "miss")
        self.assertContains(response, 'lang="en"')
        self.assertContains(client.get(swedish), 'lang="sv"')
        hit = client.get(english)
        self.assertEqual(hit[HEADER], "hit")
        self.assertContains(hit, 'lang="en"')

    def test_the_start_page_is_cached(self) -> None:
        client = self.client_for(None)
        self.assertEqual(client.get("/")[HEADER], "miss")
        self.assertEqual(client.get("/")[HEADER], "hit")
        self.assertEqual(client.get("/?a=1")[HEADER], "miss")

    @override_settings(MRPLAN_PUBLIC_CACHE_SECONDS=0)
    def test_zero_seconds_switches_the_cache_off(self) -> None:
        self.assertNotIn(HEADER, self.client_for(None).get("/"))
