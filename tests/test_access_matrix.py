# ruff: noqa: E501 -- one row per route keeps the table readable and easy to extend.
"""Access matrix: every URL pattern and every API operation × every role, in one table.

Each row names the route (as the resolver spells it, or "METHOD /path" from the OpenAPI
document), an example address filled from the demo city, and the answer for each role in
ROLES order: anonymous, no membership, reader, editor, editor of another organisation,
approver, org admin, coordinator. "login" means a redirect to the login page; a number is
the status code. Pages are fetched with GET; API operations are called with their method
and an empty JSON body, and every write is rolled back.

A URL pattern or API operation without a row fails test_every_url_pattern_has_a_row, which
names it: add a row here when you add a URL.
"""

import re

from django.test import TestCase

from mrplan.api.api import api
from tests.access_matrix_support import ROLES, answer, client_for, load_city, url_patterns

# fmt: off
PAGES: dict[str, tuple[str, str]] = {
    'i18n/setlang/': ('/i18n/setlang/', '302 302 302 302 302 302 302 302'),
    'api/v1/openapi.json': ('/api/v1/openapi.json', '200 200 200 200 200 200 200 200'),
    'api/v1/docs': ('/api/v1/docs', '200 200 200 200 200 200 200 200'),
    'api/v1/docs/assets/<name>': ('/api/v1/docs/assets/swagger-ui.css', '200 200 200 200 200 200 200 200'),
    'api/v1/': ('/api/v1/', '404 404 404 404 404 404 404 404'),
    'jsi18n/': ('/jsi18n/', '200 200 200 200 200 200 200 200'),
    '': ('/', '200 200 200 200 200 200 200 200'),
    'historik/<str:kind>/<str:key>/': ('/historik/goal/{goal}/', '404 404 200 200 404 200 200 200'),
    'konto/logga-in/': ('/konto/logga-in/', '200 302 302 302 302 302 302 302'),
    'konto/logga-ut/': ('/konto/logga-ut/', '405 405 405 405 405 405 405 405'),
    'konto/losenord/': ('/konto/losenord/', 'login 200 200 200 200 200 200 200'),
    'konto/losenord/klart/': ('/konto/losenord/klart/', 'login 200 200 200 200 200 200 200'),
    'konto/aterstall/': ('/konto/aterstall/', '200 200 200 200 200 200 200 200'),
    'konto/aterstall/skickat/': ('/konto/aterstall/skickat/', '200 200 200 200 200 200 200 200'),
    'konto/aterstall/<uidb64>/<token>/': ('/konto/aterstall/MQ/set-password/', '200 200 200 200 200 200 200 200'),
    'konto/aterstall/klart/': ('/konto/aterstall/klart/', '200 200 200 200 200 200 200 200'),
    'konto/': ('/konto/', 'login 200 200 200 200 200 200 200'),
    'konto/api-nycklar/': ('/konto/api-nycklar/', 'login 405 405 405 405 405 405 405'),
    'konto/api-nycklar/<int:pk>/ta-bort/': ('/konto/api-nycklar/{token}/ta-bort/', 'login 405 405 405 405 405 405 405'),
    'organisationer/': ('/organisationer/', '200 200 200 200 200 200 200 200'),
    'organisationer/ny/': ('/organisationer/ny/', 'login 403 403 403 403 403 403 200'),
    'organisationer/<slug:slug>/': ('/organisationer/{ha}/', '200 200 200 200 200 200 200 200'),
    'organisationer/<slug:slug>/andra/': ('/organisationer/{ha}/andra/', 'login 403 403 403 403 403 200 200'),
    'organisationer/<slug:slug>/avdelningar/ny/': ('/organisationer/{ha}/avdelningar/ny/', 'login 403 403 403 403 403 200 200'),
    'organisationer/<slug:slug>/avdelningar/<int:pk>/andra/': ('/organisationer/{ha}/avdelningar/{department}/andra/', 'login 403 403 403 403 403 200 200'),
    'organisationer/<slug:slug>/avdelningar/<int:pk>/ta-bort/': ('/organisationer/{ha}/avdelningar/{department}/ta-bort/', 'login 403 403 403 403 403 200 200'),
    'organisationer/<slug:slug>/behorigheter/': ('/organisationer/{ha}/behorigheter/', 'login 403 200 200 403 200 200 200'),
    'organisationer/<slug:slug>/behorigheter/<int:pk>/ta-bort/': ('/organisationer/{ha}/behorigheter/{member}/ta-bort/', 'login 405 405 405 405 405 405 405'),
    'program/': ('/program/', '200 200 200 200 200 200 200 200'),
    'program/ny/': ('/program/ny/', 'login 403 403 403 403 403 403 200'),
    'program/malgrupper/': ('/program/malgrupper/', '200 200 200 200 200 200 200 200'),
    'program/malgrupper/ny/': ('/program/malgrupper/ny/', 'login 403 403 403 403 403 403 200'),
    'program/malgrupper/<int:pk>/redigera/': ('/program/malgrupper/{target_group}/redigera/', 'login 403 403 403 403 403 403 200'),
    'program/agenda-2030/': ('/program/agenda-2030/', '200 200 200 200 200 200 200 200'),
    'program/fokusomraden/<int:pk>/redigera/': ('/program/fokusomraden/{focus_area}/redigera/', 'login 403 403 403 403 403 403 200'),
    'program/handlingsplaner/<slug:slug>/': ('/program/handlingsplaner/{action_plan}/', '200 200 200 200 200 200 200 200'),
    'program/handlingsplaner/<slug:slug>/redigera/': ('/program/handlingsplaner/{action_plan}/redigera/', 'login 403 403 403 403 403 403 200'),
    'program/handlingsplaner/<slug:slug>/utvecklingsomraden/ny/': ('/program/handlingsplaner/{action_plan}/utvecklingsomraden/ny/', 'login 403 403 403 403 403 403 200'),
    'program/utvecklingsomraden/<int:pk>/': ('/program/utvecklingsomraden/{development_area}/', '200 200 200 200 200 200 200 200'),
    'program/utvecklingsomraden/<int:pk>/redigera/': ('/program/utvecklingsomraden/{development_area}/redigera/', 'login 403 403 403 403 403 403 200'),
    'program/utvecklingsomraden/<int:pk>/aktiviteter/ny/': ('/program/utvecklingsomraden/{development_area}/aktiviteter/ny/', 'login 403 403 403 403 403 403 200'),
    'program/aktiviteter/<int:pk>/redigera/': ('/program/aktiviteter/{city_activity}/redigera/', 'login 403 403 403 403 403 403 200'),
    'program/aktiviteter/<int:pk>/ta-bort/': ('/program/aktiviteter/{city_activity}/ta-bort/', 'login 403 403 403 403 403 403 200'),
    'program/<slug:slug>/': ('/program/{programme}/', '200 200 200 200 200 200 200 200'),
    'program/<slug:slug>/redigera/': ('/program/{programme}/redigera/', 'login 403 403 403 403 403 403 200'),
    'program/<slug:slug>/fokusomraden/ny/': ('/program/{programme}/fokusomraden/ny/', 'login 403 403 403 403 403 403 200'),
    'program/<slug:slug>/handlingsplaner/ny/': ('/program/{programme}/handlingsplaner/ny/', 'login 403 403 403 403 403 403 200'),
    'planering/': ('/planering/', 'login 403 200 200 200 200 200 200'),
    'planering/ar/ny/': ('/planering/ar/ny/', 'login 403 403 403 403 403 403 200'),
    'planering/ar/<int:year>/perioder/ny/': ('/planering/ar/{year}/perioder/ny/', 'login 403 403 403 403 403 403 200'),
    'planering/perioder/<int:pk>/andra/': ('/planering/perioder/{period}/andra/', 'login 403 403 403 403 403 403 200'),
    'planering/perioder/<int:pk>/oppna/': ('/planering/perioder/{period}/oppna/', 'login 405 405 405 405 405 405 405'),
    'planering/perioder/<int:pk>/stang/': ('/planering/perioder/{period}/stang/', 'login 405 405 405 405 405 405 405'),
    'planering/oversikt/': ('/planering/oversikt/', 'login 403 403 403 403 403 403 200'),
    'planering/sammanstallning/': ('/planering/sammanstallning/', 'login 403 403 403 403 403 403 200'),
    'planering/sammanstallning/<slug:slug>/<int:year>/<str:code>.pdf': ('/planering/sammanstallning/{action_plan}/{year}/T1.pdf', 'login 403 403 403 403 403 403 200'),
    'planering/sammanstallning/<slug:slug>/<int:year>/<str:code>.docx': ('/planering/sammanstallning/{action_plan}/{year}/T1.docx', 'login 403 403 403 403 403 403 200'),
    'planering/<slug:slug>/': ('/planering/{ha}/', 'login 302 302 302 302 302 302 302'),
    'planering/<slug:slug>/<int:year>/': ('/planering/{ha}/{year}/', 'login 403 200 200 200 200 200 200'),
    'planering/<slug:slug>/<int:year>/mal/ny/': ('/planering/{ha}/{year}/mal/ny/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/mal/<int:pk>/andra/': ('/planering/{ha}/{year}/mal/{goal}/andra/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/mal/<int:pk>/ta-bort/': ('/planering/{ha}/{year}/mal/{goal}/ta-bort/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/mal/<int:goal_pk>/indikatorer/ny/': ('/planering/{ha}/{year}/mal/{goal}/indikatorer/ny/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/indikatorer/<int:pk>/andra/': ('/planering/{ha}/{year}/indikatorer/{indicator}/andra/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/indikatorer/<int:pk>/ta-bort/': ('/planering/{ha}/{year}/indikatorer/{indicator}/ta-bort/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/aktiviteter/ny/': ('/planering/{ha}/{year}/aktiviteter/ny/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/aktiviteter/<int:pk>/andra/': ('/planering/{ha}/{year}/aktiviteter/{activity}/andra/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/aktiviteter/<int:pk>/ta-bort/': ('/planering/{ha}/{year}/aktiviteter/{activity}/ta-bort/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/rapporter/ny/': ('/planering/{ha}/{year}/rapporter/ny/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:pk>/': ('/planering/{ha}/{year}/rapporter/{report}/', 'login 403 200 200 200 200 200 200'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:pk>/skicka-in/': ('/planering/{ha}/{year}/rapporter/{report}/skicka-in/', 'login 405 405 405 405 405 405 405'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:pk>/returnera/': ('/planering/{ha}/{year}/rapporter/{report}/returnera/', 'login 403 403 403 403 403 403 200'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:pk>/godkann/': ('/planering/{ha}/{year}/rapporter/{report}/godkann/', 'login 405 405 405 405 405 405 405'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:pk>/oppna-igen/': ('/planering/{ha}/{year}/rapporter/{report}/oppna-igen/', 'login 403 403 403 403 403 403 200'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:pk>/bilagor/ny/': ('/planering/{ha}/{year}/rapporter/{report}/bilagor/ny/', 'login 405 405 405 405 405 405 405'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:report_pk>/bilagor/<int:pk>/': ('/planering/{ha}/{year}/rapporter/{report}/bilagor/{attachment}/', 'login 403 404 404 404 404 404 404'),
    'planering/<slug:slug>/<int:year>/rapporter/<int:report_pk>/bilagor/<int:pk>/ta-bort/': ('/planering/{ha}/{year}/rapporter/{report}/bilagor/{attachment}/ta-bort/', 'login 405 405 405 405 405 405 405'),
    'planering/<slug:slug>/<int:year>/export/<slug:what>.<slug:fmt>': ('/planering/{ha}/{year}/export/activities.csv', 'login 403 200 200 200 200 200 200'),
    'planering/<slug:slug>/<int:year>/import/<slug:what>/': ('/planering/{ha}/{year}/import/activities/', 'login 403 403 200 403 403 200 200'),
    'planering/<slug:slug>/<int:year>/import/<slug:what>/bekrafta/': ('/planering/{ha}/{year}/import/activities/bekrafta/', 'login 405 405 405 405 405 405 405'),
    'remisser/': ('/remisser/', 'login 200 200 200 200 200 200 200'),
    'remisser/ny/': ('/remisser/ny/', 'login 403 403 403 403 403 403 200'),
    'remisser/<int:pk>/': ('/remisser/{consultation}/', 'login 404 200 200 404 200 200 200'),
    'remisser/<int:pk>/andra/': ('/remisser/{consultation}/andra/', 'login 404 403 403 404 403 403 302'),
    'remisser/<int:pk>/underlag/': ('/remisser/{consultation}/underlag/', 'login 405 405 405 405 405 405 405'),
    'remisser/underlag/<int:pk>/': ('/remisser/underlag/{document}/', 'login 404 404 404 404 404 404 404'),
    'remisser/<int:pk>/skicka/': ('/remisser/{consultation}/skicka/', 'login 404 403 403 404 403 403 200'),
    'remisser/<int:pk>/avsluta/': ('/remisser/{consultation}/avsluta/', 'login 405 405 405 405 405 405 405'),
    'remisser/instanser/<int:pk>/avsta/': ('/remisser/instanser/{recipient}/avsta/', 'login 404 403 200 404 403 200 403'),
    'remisser/instanser/<int:pk>/arende/': ('/remisser/instanser/{recipient}/arende/', 'login 405 405 405 405 405 405 405'),
    'remisser/diarium/<slug:slug>/': ('/remisser/diarium/{ha}/', 'login 404 200 200 404 200 200 200'),
    'remisser/diarium/<slug:slug>/nytt/': ('/remisser/diarium/{ha}/nytt/', 'login 404 403 200 404 403 200 200'),
    'remisser/arenden/<int:pk>/': ('/remisser/arenden/{case}/', 'login 404 200 200 404 200 200 200'),
    'remisser/utlatanden/<int:pk>/beslut/': ('/remisser/utlatanden/{statement}/beslut/', 'login 404 403 200 404 403 200 200'),
    'remisser/arenden/<int:case_pk>/utlatande/': ('/remisser/arenden/{case}/utlatande/', 'login 405 405 405 405 405 405 405'),
    'remisser/utlatanden/<int:pk>/': ('/remisser/utlatanden/{statement}/', 'login 404 200 200 404 200 200 200'),
    'remisser/utlatanden/<int:pk>/andra/': ('/remisser/utlatanden/{statement}/andra/', 'login 404 403 302 404 403 302 302'),
    'remisser/utlatanden/<int:pk>/beredning/': ('/remisser/utlatanden/{statement}/beredning/', 'login 404 403 302 404 403 302 302'),
    'remisser/utlatanden/<int:pk>/attesteringsordning/': ('/remisser/utlatanden/{statement}/attesteringsordning/', 'login 404 403 200 404 403 200 200'),
    'remisser/utlatanden/<int:pk>/attestera/': ('/remisser/utlatanden/{statement}/attestera/', 'login 405 405 405 405 405 405 405'),
    'remisser/utlatanden/<int:pk>/versioner/': ('/remisser/utlatanden/{statement}/versioner/', 'login 404 200 200 404 200 200 200'),
    'remisser/utlatanden/<int:pk>/tjansteutlatande.pdf': ('/remisser/utlatanden/{statement}/tjansteutlatande.pdf', 'login 404 200 200 404 200 200 200'),
    'remisser/utlatanden/<int:pk>/tjansteutlatande.docx': ('/remisser/utlatanden/{statement}/tjansteutlatande.docx', 'login 404 200 200 404 200 200 200'),
    'remisser/utlatanden/<int:pk>/verifiera/': ('/remisser/utlatanden/{statement}/verifiera/', '200 200 200 200 200 200 200 200'),
    'remisser/utlatanden/<int:pk>/verifiera.json': ('/remisser/utlatanden/{statement}/verifiera.json', '200 200 200 200 200 200 200 200'),
    'remisser/<int:pk>/sammanstallning/': ('/remisser/{consultation}/sammanstallning/', 'login 404 403 403 404 403 403 200'),
    'remisser/<int:pk>/sammanstallning.pdf': ('/remisser/{consultation}/sammanstallning.pdf', 'login 404 403 403 404 403 403 200'),
    'remisser/<int:pk>/sammanstallning.docx': ('/remisser/{consultation}/sammanstallning.docx', 'login 404 403 403 404 403 403 200'),
    'remisser/importera/': ('/remisser/importera/', 'login 403 403 200 403 403 200 200'),
    'remisser/importera/bekrafta/': ('/remisser/importera/bekrafta/', 'login 405 405 405 405 405 405 405'),
    'kunskap/': ('/kunskap/', '200 200 200 200 200 200 200 200'),
    'kunskap/dataset/nytt/': ('/kunskap/dataset/nytt/', 'login 403 403 403 403 403 403 200'),
    'kunskap/dataset/<slug:slug>/': ('/kunskap/dataset/{dataset}/', '200 200 200 200 200 200 200 200'),
    'kunskap/dataset/<slug:slug>/import/': ('/kunskap/dataset/{dataset}/import/', 'login 403 403 403 403 403 403 200'),
    'kunskap/dataset/<slug:slug>/import/bekrafta/': ('/kunskap/dataset/{dataset}/import/bekrafta/', 'login 405 405 405 405 405 405 405'),
    'kunskap/dataset/<slug:slug>/mikrodata/<int:pk>/ta-bort/': ('/kunskap/dataset/{dataset}/mikrodata/{microdata}/ta-bort/', 'login 405 405 405 405 405 405 405'),
    'kunskap/dataset/<slug:slug>/kolada.json': ('/kunskap/dataset/{dataset}/kolada.json', '200 200 200 200 200 200 200 200'),
    'kunskap/underlag/': ('/kunskap/underlag/', 'login 403 200 200 200 200 200 200'),
    'kunskap/underlag/nytt/': ('/kunskap/underlag/nytt/', 'login 403 403 403 403 403 403 200'),
    'kunskap/underlag/<int:pk>/': ('/kunskap/underlag/{record}/', 'login 404 404 404 404 404 404 404'),
    'kunskap/dataset/<slug:slug>/matt/<slug:measure_slug>/': ('/kunskap/dataset/{dataset}/matt/{measure}/', '200 200 200 200 200 200 200 200'),
    'kunskap/dataset/<slug:slug>/matt/<slug:measure_slug>/export.<slug:fmt>': ('/kunskap/dataset/{dataset}/matt/{measure}/export.csv', '200 200 200 200 200 200 200 200'),
    'kunskap/koppla/': ('/kunskap/koppla/', 'login 403 403 404 404 403 404 404'),
    'kunskap/kopplingar/<int:pk>/ta-bort/': ('/kunskap/kopplingar/{link}/ta-bort/', 'login 405 405 405 405 405 405 405'),
    'kunskap/mal-utan-underlag/': ('/kunskap/mal-utan-underlag/', 'login 403 403 403 403 403 403 200'),
    'kunskap/plan/<slug:slug>/<int:year>/mal/<int:pk>/': ('/kunskap/plan/{ha}/{year}/mal/{goal}/', 'login 403 200 200 200 200 200 200'),
    'kunskap/rapport/<slug:slug>/<int:year>/<int:pk>/hamta-varden/': ('/kunskap/rapport/{ha}/{year}/{report}/hamta-varden/', 'login 405 405 405 405 405 405 405'),
    'kunskap/underlag/<int:pk>/filer/<int:file_pk>/': ('/kunskap/underlag/{record}/filer/{record_file}/', 'login 404 404 404 404 404 404 404'),
    'samverkan/': ('/samverkan/', '302 302 200 200 200 200 200 200'),
    'samverkan/oversikt/': ('/samverkan/oversikt/', 'login 403 403 403 403 403 403 200'),
    'samverkan/partner/': ('/samverkan/partner/', 'login 403 200 200 200 200 200 200'),
    'samverkan/partner/ny/': ('/samverkan/partner/ny/', 'login 403 403 200 200 403 200 200'),
    'samverkan/partner/<int:pk>/': ('/samverkan/partner/{partner}/', 'login 403 200 200 200 200 200 200'),
    'samverkan/partner/<int:pk>/andra/': ('/samverkan/partner/{partner}/andra/', 'login 403 403 200 403 403 200 200'),
    'samverkan/partner/<int:pk>/kontaktpersoner/ny/': ('/samverkan/partner/{partner}/kontaktpersoner/ny/', 'login 403 403 200 403 403 200 200'),
    'samverkan/kontaktpersoner/granska/': ('/samverkan/kontaktpersoner/granska/', 'login 403 403 403 403 403 403 200'),
    'samverkan/kontaktpersoner/<int:pk>/andra/': ('/samverkan/kontaktpersoner/{contact}/andra/', 'login 403 403 200 403 403 200 200'),
    'samverkan/kontaktpersoner/<int:pk>/aktuell/': ('/samverkan/kontaktpersoner/{contact}/aktuell/', 'login 405 405 405 405 405 405 405'),
    'samverkan/kontaktpersoner/<int:pk>/registerutdrag/': ('/samverkan/kontaktpersoner/{contact}/registerutdrag/', 'login 403 403 403 403 403 403 200'),
    'samverkan/kontaktpersoner/<int:pk>/radera/': ('/samverkan/kontaktpersoner/{contact}/radera/', 'login 403 403 403 403 403 403 200'),
    'samverkan/samarbeten/': ('/samverkan/samarbeten/', 'login 403 200 200 200 200 200 200'),
    'samverkan/samarbeten/nytt/': ('/samverkan/samarbeten/nytt/', 'login 403 403 200 200 403 200 200'),
    'samverkan/samarbeten/<int:pk>/': ('/samverkan/samarbeten/{collaboration}/', 'login 403 200 200 200 200 200 200'),
    'samverkan/samarbeten/<int:pk>/andra/': ('/samverkan/samarbeten/{collaboration}/andra/', 'login 403 403 200 403 403 200 200'),
    'samverkan/dialoger/': ('/samverkan/dialoger/', 'login 403 200 200 200 200 200 200'),
    'samverkan/dialoger/ny/': ('/samverkan/dialoger/ny/', 'login 403 403 200 200 403 200 200'),
    'samverkan/dialoger/<int:pk>/': ('/samverkan/dialoger/{dialogue}/', 'login 403 200 200 200 200 200 200'),
    'samverkan/dialoger/<int:pk>/andra/': ('/samverkan/dialoger/{dialogue}/andra/', 'login 403 403 200 403 403 200 200'),
    'samverkan/material/': ('/samverkan/material/', '200 200 200 200 200 200 200 200'),
    'samverkan/material/nytt/': ('/samverkan/material/nytt/', 'login 403 403 403 403 403 403 200'),
    'samverkan/material/<int:pk>/': ('/samverkan/material/{material}/', '200 200 200 200 200 200 200 200'),
    'samverkan/material/<int:pk>/andra/': ('/samverkan/material/{material}/andra/', 'login 403 403 403 403 403 403 200'),
    'samverkan/material/<int:pk>/fil/': ('/samverkan/material/{material}/fil/', '404 404 404 404 404 404 404 404'),
    'samverkan/utbildning/': ('/samverkan/utbildning/', 'login 403 200 200 200 200 200 200'),
    'samverkan/utbildning/insatser/ny/': ('/samverkan/utbildning/insatser/ny/', 'login 403 403 403 403 403 403 200'),
    'samverkan/utbildning/insatser/<int:pk>/': ('/samverkan/utbildning/insatser/{offer}/', 'login 403 200 200 200 200 200 200'),
    'samverkan/utbildning/insatser/<int:pk>/andra/': ('/samverkan/utbildning/insatser/{offer}/andra/', 'login 403 403 403 403 403 403 200'),
    'samverkan/utbildning/tillfallen/nytt/': ('/samverkan/utbildning/tillfallen/nytt/', 'login 403 403 200 200 403 200 200'),
    'samverkan/utbildning/tillfallen/<int:pk>/': ('/samverkan/utbildning/tillfallen/{session}/', 'login 403 200 200 200 200 200 200'),
    'samverkan/utbildning/tillfallen/<int:pk>/andra/': ('/samverkan/utbildning/tillfallen/{session}/andra/', 'login 403 403 403 403 403 403 200'),
    'oppet/': ('/oppet/', '200 200 200 200 200 200 200 200'),
    'oppet/malgrupper/': ('/oppet/malgrupper/', '200 200 200 200 200 200 200 200'),
    'oppet/organisationer/<slug:slug>/<int:year>/': ('/oppet/organisationer/{ha}/{year}/', '200 200 200 200 200 200 200 200'),
    'oppet/publicering/': ('/oppet/publicering/', 'login 403 403 403 403 403 403 200'),
    'oppet/publicering/<slug:kind>/<int:pk>/publicera/': ('/oppet/publicering/goal/{goal}/publicera/', 'login 405 405 405 405 405 405 405'),
    'oppet/publicering/<slug:kind>/<int:pk>/avpublicera/': ('/oppet/publicering/goal/{goal}/avpublicera/', 'login 405 405 405 405 405 405 405'),
    'oppet/sok/': ('/oppet/sok/', '200 200 200 200 200 200 200 200'),
    'oppet/data/': ('/oppet/data/', '200 200 200 200 200 200 200 200'),
    'oppet/data/alla.zip': ('/oppet/data/alla.zip', '200 200 200 200 200 200 200 200'),
    'oppet/data/<slug:name>.<slug:fmt>': ('/oppet/data/aktiviteter.csv', '404 404 404 404 404 404 404 404'),
    'oppet/remisser/': ('/oppet/remisser/', '200 200 200 200 200 200 200 200'),
    'oppet/remisser/<int:pk>/': ('/oppet/remisser/{consultation}/', '200 200 200 200 200 200 200 200'),
    'oppet/remisser/underlag/<int:pk>/': ('/oppet/remisser/underlag/{document}/', '404 404 404 404 404 404 404 404'),
    'oppet/handlingsplaner/': ('/oppet/handlingsplaner/', '200 200 200 200 200 200 200 200'),
    'oppet/handlingsplaner/<slug:slug>/': ('/oppet/handlingsplaner/{action_plan}/', '200 200 200 200 200 200 200 200'),
    'oppet/lattlast/': ('/oppet/lattlast/', '200 200 200 200 200 200 200 200'),
    'oppet/lattlast/<slug:kind>/<slug:slug>/': ('/oppet/lattlast/{easy_kind}/{easy_slug}/', '200 200 200 200 200 200 200 200'),
    'oppet/lattlast/<slug:kind>/<slug:slug>/redigera/': ('/oppet/lattlast/{easy_kind}/{easy_slug}/redigera/', 'login 403 403 403 403 403 403 200'),
    'oppet/tillganglighet/': ('/oppet/tillganglighet/', '200 200 200 200 200 200 200 200'),
    'oppet/tillganglighet/tack/': ('/oppet/tillganglighet/tack/', '200 200 200 200 200 200 200 200'),
    'admin/': ('/admin/', '302 302 302 302 302 302 302 302'),
    'admin/login/': ('/admin/login/', '200 200 200 200 200 200 200 200'),
    'admin/logout/': ('/admin/logout/', '302 302 302 302 302 302 302 302'),
    'admin/password_change/': ('/admin/password_change/', '302 302 302 302 302 302 302 302'),
    'admin/password_change/done/': ('/admin/password_change/done/', '302 302 302 302 302 302 302 302'),
    'admin/autocomplete/': ('/admin/autocomplete/', '302 302 302 302 302 302 302 302'),
    'admin/jsi18n/': ('/admin/jsi18n/', '302 302 302 302 302 302 302 302'),
    'admin/r/<path:content_type_id>/<path:object_id>/': ('/admin/r/1/1/', '302 302 302 302 302 302 302 302'),
    'admin/auth/group/': ('/admin/auth/group/', '302 302 302 302 302 302 302 302'),
    'admin/auth/group/add/': ('/admin/auth/group/add/', '302 302 302 302 302 302 302 302'),
    'admin/auth/group/<path:object_id>/history/': ('/admin/auth/group/1/history/', '302 302 302 302 302 302 302 302'),
    'admin/auth/group/<path:object_id>/delete/': ('/admin/auth/group/1/delete/', '302 302 302 302 302 302 302 302'),
    'admin/auth/group/<path:object_id>/change/': ('/admin/auth/group/1/change/', '302 302 302 302 302 302 302 302'),
    'admin/auth/group/<path:object_id>/': ('/admin/auth/group/1/', '302 302 302 302 302 302 302 302'),
    'admin/core/auditevent/': ('/admin/core/auditevent/', '302 302 302 302 302 302 302 302'),
    'admin/core/auditevent/add/': ('/admin/core/auditevent/add/', '302 302 302 302 302 302 302 302'),
    'admin/core/auditevent/<path:object_id>/history/': ('/admin/core/auditevent/1/history/', '302 302 302 302 302 302 302 302'),
    'admin/core/auditevent/<path:object_id>/delete/': ('/admin/core/auditevent/1/delete/', '302 302 302 302 302 302 302 302'),
    'admin/core/auditevent/<path:object_id>/change/': ('/admin/core/auditevent/1/change/', '302 302 302 302 302 302 302 302'),
    'admin/core/auditevent/<path:object_id>/': ('/admin/core/auditevent/1/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/<id>/password/': ('/admin/accounts/user/1/password/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/': ('/admin/accounts/user/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/add/': ('/admin/accounts/user/add/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/<path:object_id>/history/': ('/admin/accounts/user/1/history/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/<path:object_id>/delete/': ('/admin/accounts/user/1/delete/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/<path:object_id>/change/': ('/admin/accounts/user/1/change/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/user/<path:object_id>/': ('/admin/accounts/user/1/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/apitoken/': ('/admin/accounts/apitoken/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/apitoken/add/': ('/admin/accounts/apitoken/add/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/apitoken/<path:object_id>/history/': ('/admin/accounts/apitoken/1/history/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/apitoken/<path:object_id>/delete/': ('/admin/accounts/apitoken/1/delete/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/apitoken/<path:object_id>/change/': ('/admin/accounts/apitoken/1/change/', '302 302 302 302 302 302 302 302'),
    'admin/accounts/apitoken/<path:object_id>/': ('/admin/accounts/apitoken/1/', '302 302 302 302 302 302 302 302'),
    'admin/organisations/organisation/': ('/admin/organisations/organisation/', '302 302 302 302 302 302 302 302'),
    'admin/organisations/organisation/add/': ('/admin/organisations/organisation/add/', '302 302 302 302 302 302 302 302'),
    'admin/organisations/organisation/<path:object_id>/history/': ('/admin/organisations/organisation/1/history/', '302 302 302 302 302 302 302 302'),
    'admin/organisations/organisation/<path:object_id>/delete/': ('/admin/organisations/organisation/1/delete/', '302 302 302 302 302 302 302 302'),
    'admin/organisations/organisation/<path:object_id>/change/': ('/admin/organisations/organisation/1/change/', '302 302 302 302 302 302 302 302'),
    'admin/organisations/organisation/<path:object_id>/': ('/admin/organisations/organisation/1/', '302 302 302 302 302 302 302 302'),
    'admin/^(?P<app_label>auth|core|accounts|organisations)/$': ('/admin/auth/', '302 302 302 302 302 302 302 302'),
    'admin/(?P<url>.*)$': ('/admin/auth/', '302 302 302 302 302 302 302 302'),
}

API: dict[str, tuple[str, str]] = {
    'GET /api/v1/organisations/': ('/api/v1/organisations/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/organisations/{organisation_id}': ('/api/v1/organisations/{ha_id}', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/programmes/': ('/api/v1/programmes/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/programmes/{programme_id}': ('/api/v1/programmes/{programme_id}', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/action-plans/': ('/api/v1/action-plans/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/action-plans/{action_plan_id}': ('/api/v1/action-plans/{action_plan_id}', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/development-areas/{development_area_id}': ('/api/v1/development-areas/{development_area}', '200 200 200 200 200 200 200 200'),
    'PATCH /api/v1/development-areas/{development_area_id}': ('/api/v1/development-areas/{development_area}', '401 403 403 403 403 403 403 200'),
    'GET /api/v1/target-groups/': ('/api/v1/target-groups/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/sdg/goals/': ('/api/v1/sdg/goals/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/me': ('/api/v1/me', '401 200 200 200 200 200 200 200'),
    'GET /api/v1/planning/years/': ('/api/v1/planning/years/', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/organisations/{organisation_id}/plan/{year}': ('/api/v1/organisations/{ha_id}/plan/{year}', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/goals/{goal_id}': ('/api/v1/goals/{goal}', '401 403 200 200 200 200 200 200'),
    'PATCH /api/v1/goals/{goal_id}': ('/api/v1/goals/{goal}', '401 403 403 409 403 403 409 409'),
    'DELETE /api/v1/goals/{goal_id}': ('/api/v1/goals/{goal}', '401 403 403 409 403 403 409 409'),
    'GET /api/v1/activities/{activity_id}': ('/api/v1/activities/{activity}', '401 403 200 200 200 200 200 200'),
    'PATCH /api/v1/activities/{activity_id}': ('/api/v1/activities/{activity}', '401 422 422 422 422 422 422 422'),
    'DELETE /api/v1/activities/{activity_id}': ('/api/v1/activities/{activity}', '401 403 403 409 403 403 409 409'),
    'GET /api/v1/indicators/{indicator_id}': ('/api/v1/indicators/{indicator}', '401 403 200 200 200 200 200 200'),
    'PATCH /api/v1/indicators/{indicator_id}': ('/api/v1/indicators/{indicator}', '401 403 403 409 403 403 409 409'),
    'DELETE /api/v1/indicators/{indicator_id}': ('/api/v1/indicators/{indicator}', '401 403 403 409 403 403 409 409'),
    'GET /api/v1/reports/': ('/api/v1/reports/', '401 403 200 200 200 200 200 200'),
    'POST /api/v1/reports/': ('/api/v1/reports/', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/reports/{report_id}': ('/api/v1/reports/{report}', '401 403 200 200 200 200 200 200'),
    'PATCH /api/v1/reports/{report_id}': ('/api/v1/reports/{report}', '401 422 422 422 422 422 422 422'),
    'POST /api/v1/reports/{report_id}/submit': ('/api/v1/reports/{report}/submit', '401 403 403 409 403 403 409 409'),
    'POST /api/v1/reports/{report_id}/return': ('/api/v1/reports/{report}/return', '401 422 422 422 422 422 422 422'),
    'POST /api/v1/reports/{report_id}/approve': ('/api/v1/reports/{report}/approve', '401 403 403 403 403 403 403 409'),
    'POST /api/v1/organisations/{organisation_id}/plan/{year}/goals': ('/api/v1/organisations/{ha_id}/plan/{year}/goals', '401 422 422 422 422 422 422 422'),
    'POST /api/v1/organisations/{organisation_id}/plan/{year}/activities': ('/api/v1/organisations/{ha_id}/plan/{year}/activities', '401 422 422 422 422 422 422 422'),
    'POST /api/v1/goals/{goal_id}/indicators': ('/api/v1/goals/{goal}/indicators', '401 422 422 422 422 422 422 422'),
    'POST /api/v1/reports/{report_id}/reopen': ('/api/v1/reports/{report}/reopen', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/collaboration/partners/': ('/api/v1/collaboration/partners/', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/partners/{partner_id}': ('/api/v1/collaboration/partners/{partner}', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/partners/{partner_id}/contacts': ('/api/v1/collaboration/partners/{partner}/contacts', '401 403 200 200 403 200 200 200'),
    'GET /api/v1/collaboration/collaborations/': ('/api/v1/collaboration/collaborations/', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/collaborations/{collaboration_id}': ('/api/v1/collaboration/collaborations/{collaboration}', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/dialogues/': ('/api/v1/collaboration/dialogues/', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/dialogues/{dialogue_id}': ('/api/v1/collaboration/dialogues/{dialogue}', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/material/': ('/api/v1/collaboration/material/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/material/{material_id}': ('/api/v1/collaboration/material/{material}', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/training/offers/': ('/api/v1/collaboration/training/offers/', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/collaboration/training/sessions/': ('/api/v1/collaboration/training/sessions/', '401 403 200 200 200 200 200 200'),
    'GET /api/v1/consultations/': ('/api/v1/consultations/', '401 200 200 200 200 200 200 200'),
    'GET /api/v1/consultations/{consultation_id}/': ('/api/v1/consultations/{consultation}/', '401 404 200 200 404 200 200 200'),
    'POST /api/v1/consultations/{consultation_id}/send/': ('/api/v1/consultations/{consultation}/send/', '401 404 403 403 404 403 403 400'),
    'POST /api/v1/consultations/recipients/{recipient_id}/decline/': ('/api/v1/consultations/recipients/{recipient}/decline/', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/organisations/{slug}/cases/': ('/api/v1/organisations/{ha}/cases/', '401 404 200 200 404 200 200 200'),
    'POST /api/v1/organisations/{slug}/cases/': ('/api/v1/organisations/{ha}/cases/', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/cases/{case_id}/': ('/api/v1/cases/{case}/', '401 404 200 200 404 200 200 200'),
    'POST /api/v1/statements/{statement_id}/decision/': ('/api/v1/statements/{statement}/decision/', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/statements/{statement_id}': ('/api/v1/statements/{statement}', '401 404 200 200 404 200 200 200'),
    'PATCH /api/v1/statements/{statement_id}': ('/api/v1/statements/{statement}', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/statements/{statement_id}/versions': ('/api/v1/statements/{statement}/versions', '401 404 200 200 404 200 200 200'),
    'POST /api/v1/statements/{statement_id}/approve': ('/api/v1/statements/{statement}/approve', '401 422 422 422 422 422 422 422'),
    'GET /api/v1/statements/{statement_id}/verify': ('/api/v1/statements/{statement}/verify', '401 404 200 200 404 200 200 200'),
    'GET /api/v1/knowledge/datasets/': ('/api/v1/knowledge/datasets/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/knowledge/datasets/{dataset_id}/': ('/api/v1/knowledge/datasets/{dataset_id}/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/knowledge/measures/': ('/api/v1/knowledge/measures/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/knowledge/measures/{measure_id}/': ('/api/v1/knowledge/measures/{measure_id}/', '200 200 200 200 200 200 200 200'),
    'GET /api/v1/knowledge/measures/{measure_id}/observations/': ('/api/v1/knowledge/measures/{measure_id}/observations/', '200 200 200 200 200 200 200 200'),
}
# fmt: on


def _api_route(route: str) -> str:
    """Return an api/v1 resolver route in OpenAPI spelling: /api/v1/goals/{goal_id}."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


class AccessMatrixTests(TestCase):
    ids: dict[str, object]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.ids = load_city()

    def test_every_url_pattern_has_a_row(self) -> None:
        operations = {key.split(" ", 1)[1] for key in API}
        missing = [
            route
            for route in url_patterns()
            if route not in PAGES and _api_route(route) not in operations
        ]
        schema = api.get_openapi_schema()
        missing += [
            f"{method.upper()} {path}"
            for path, methods in schema["paths"].items()
            for method in methods
            if f"{method.upper()} {path}" not in API
        ]
        assert not missing, "No row in the access matrix for: " + ", ".join(missing)

    def check(self, table: dict[str, tuple[str, str]], *, api_operations: bool) -> None:
        clients = {role: client_for(role) for role in ROLES}
        wrong = []
        for key, (example, expected) in table.items():
            method = key.split(" ", 1)[0] if api_operations else "GET"
            url = example.format(**self.ids)
            got = [answer(clients[role], method, url) for role in ROLES]
            for role, want, found in zip(ROLES, expected.split(), got, strict=True):
                if want != found:
                    wrong.append(f"{key} as {role}: expected {want}, got {found}")
        assert not wrong, "\n".join(wrong)

    def test_every_page_answers_each_role_as_the_table_says(self) -> None:
        self.check(PAGES, api_operations=False)

    def test_every_api_operation_answers_each_role_as_the_table_says(self) -> None:
        self.check(API, api_operations=True)
