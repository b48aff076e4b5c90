"""An indicator's public page: permalink, chart as SVG and PNG, embed; nothing unpublished."""

import io

from PIL import Image

from mrplan.planning.models import Indicator
from tests.test_public_views import PublicPlanTestCase


class IndicatorPageTests(PublicPlanTestCase):
    def setUp(self) -> None:
        self.publish_plan()
        self.indicator = Indicator.objects.get(name="Publicerad indikator 0")
        self.base = f"/oppet/organisationer/{self.org.slug}/2026/indikatorer/{self.indicator.pk}/"

    def test_the_plan_links_to_the_indicator_page_with_chart_table_and_embed_code(self) -> None:
        plan = self.client_for(None).get(self.url()).content.decode()
        assert f'href="{self.base}"' in plan
        response = self.client_for(None).get(self.base)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<svg" in html and "Rapporterade värden för Publicerad indikator 0" in html
        assert f'href="{self.base}diagram.svg"' in html and f'href="{self.base}diagram.png"' in html
        assert "&lt;iframe src=&quot;http://testserver" + self.base + "inbaddning/" in html

    def test_the_chart_downloads_as_a_real_svg_and_png(self) -> None:
        svg = self.client_for(None).get(self.base + "diagram.svg")
        assert svg["Content-Type"].startswith("image/svg+xml")
        assert svg.content.startswith(b"<?xml") and b"<svg" in svg.content
        png = self.client_for(None).get(self.base + "diagram.png")
        assert png["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(png.content))
        assert image.format == "PNG" and image.width == 1200
        assert self.client_for(None).get(self.base + "diagram.gif").status_code == 404

    def test_the_embed_may_be_framed_anywhere_and_links_back(self) -> None:
        response = self.client_for(None).get(self.base + "inbaddning/")
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy and "default-src 'self'" in policy
        assert f'href="http://testserver{self.base}"' in response.content.decode()
        page = self.client_for(None).get(self.base)
        assert page["X-Frame-Options"] == "DENY"

    def test_an_unpublished_indicator_or_another_organisation_is_404(self) -> None:
        hidden = self.make_indicator(self.indicator.goal, name="Opublicerad")
        url = f"/oppet/organisationer/{self.org.slug}/2026/indikatorer/{hidden.pk}/"
        assert self.client_for(None).get(url).status_code == 404
        other = f"/oppet/organisationer/{self.other_org.slug}/2026/indikatorer/{self.indicator.pk}/"
        assert self.client_for(None).get(other).status_code == 404
        assert self.client_for(None).get(url + "diagram.svg").status_code == 404


class IndicatorDistrictComparisonTests(PublicPlanTestCase):
    """An indicator that rests on a published measure compares the districts on its page."""

    def setUp(self) -> None:
        from mrplan.knowledge.models import Area, Dataset, EvidenceLink, Measure, Observation
        from mrplan.knowledge.models import Period as KnowledgePeriod

        self.publish_plan()
        self.indicator = Indicator.objects.get(name="Publicerad indikator 0")
        self.base = f"/oppet/organisationer/{self.org.slug}/2026/indikatorer/{self.indicator.pk}/"
        self.dataset = Dataset.objects.create(
            title="Enkät", slug="enkat", source="Enkät", is_published=True
        )
        measure = Measure.objects.create(
            dataset=self.dataset, name="Utsatthet", slug="utsatthet", unit="%"
        )
        period = KnowledgePeriod.objects.create(
            label="2024", kind="year", start="2024-01-01", end="2024-12-31"
        )
        for name, code, value in (("Alby", "0123", 12.0), ("Berga", "SDN02", 30.0)):
            area = Area.objects.create(name=name, kind="district", code=code, code_scheme="Lokal")
            Observation.objects.create(
                measure=measure, area=area, period=period, value=value, count=100
            )
        EvidenceLink.objects.create(indicator=self.indicator, measure=measure)

    def test_the_page_compares_the_districts_with_codes(self) -> None:
        html = self.client_for(None).get(self.base).content.decode()
        section = html[html.index('id="stadsdelar"') :]
        assert "0123" in section and "SDN02" in section
        # Higher is better by default: Berga (30) first.
        assert section.index("Berga") < section.index("Alby")
        assert "/kunskap/dataset/enkat/matt/utsatthet/stadsdelar.csv" in section

    def test_an_unpublished_dataset_is_not_compared(self) -> None:
        self.dataset.is_published = False
        self.dataset.save()
        html = self.client_for(None).get(self.base).content.decode()
        assert 'id="stadsdelar"' not in html


class IndicatorNumbersTests(PublicPlanTestCase):
    def test_the_public_pages_show_the_indicators_decimals(self) -> None:
        self.publish_plan()
        indicator = Indicator.objects.get(name="Publicerad indikator 0")
        Indicator.objects.filter(pk=indicator.pk).update(target_value=50, decimals=1)
        base = f"/oppet/organisationer/{self.org.slug}/2026/indikatorer/{indicator.pk}/"
        page = self.client_for(None).get(base).content.decode()
        plan = self.client_for(None).get(self.url()).content.decode()
        for html in (page, plan):
            assert "50,0" in html and "50,00" not in html
        Indicator.objects.filter(pk=indicator.pk).update(decimals=0)
        page = self.client_for(None).get(base).content.decode()
        assert "50,0" not in page and ">50" in page
