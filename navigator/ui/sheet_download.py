"""The sheet to download, answered over HTTP: `GET /sheet?lang=…&routes=…` (navigator_server.py mounts it).

The results screen and a shared link offer a plain link to it (`sheet_link`), where a Streamlit download button
was: a widget every rerun of the screen had to draw and send again, which a link inside the screen's one block of
HTML is not. The link holds what the shared link holds, route codes and a language, never the person's answers;
whatever a tampered link holds is cut to size (`route_ids`) and unknown routes are skipped. A phone gets the PDF sheet
(the HTML sheet where the server has no Pango, `pdf_problem`). One sheet is built at a time, away from the event
loop, and the last few are kept (`sheet_pdf`), so a flood of requests waits its turn and never stalls the app.
The statistics count a download from the screen's tap on the link (results.py), not here: a request to this path
carries no session, and anyone can repeat it.
"""

from __future__ import annotations

import asyncio

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from navigator.i18n import LANGUAGES, translator
from navigator.presentation.cards import safe
from navigator.presentation.contact_details import now_in_france
from navigator.presentation.sheet import SHEET_MAX, SHEET_PATH, route_ids, share_query, sheet_html
from navigator.presentation.sheet_pdf import pdf_problem, sheet_pdf
from navigator.ui.resources import get_catalogue

#: One sheet built at a time: building a PDF takes a core for a moment.
_building = asyncio.Semaphore(1)


def sheet_link(ids: list[str], lang: str, label: str) -> str:
    """The HTML of the link that downloads the sheet of these routes in `lang` (a full-width button, `.nav-button`);
    the screen's component relays its tap (`data-nav-tap="sheet"`), for the statistics."""
    href = f"{SHEET_PATH}?{share_query(ids, lang, SHEET_MAX)}"
    return f'<a class="nav-button nav-download" href="{safe(href)}" download data-nav-tap="sheet" data-nav-value="">{safe(label)}</a>'


def sheet_label(lang: str) -> str:
    """The link's words in `lang`, saying PDF where the sheet is one."""
    words = "📄 " + translator(lang).gettext("Download the sheet to print")
    return words + (" (PDF)" if pdf_problem() is None else "")


def _build(programmes, lang: str, link: str) -> tuple[bytes, str, str]:
    title = translator(lang).gettext("My routes")
    today = now_in_france().date()
    if pdf_problem() is None:
        return sheet_pdf(programmes, lang, today, title, link), "navigator-sheet.pdf", "application/pdf"
    return sheet_html(programmes, lang, today, title, link).encode("utf-8"), "navigator-sheet.html", "text/html; charset=utf-8"


async def download(request: Request) -> Response:
    """The sheet of the routes the query names, in its language (French when it names none we have)."""
    lang = request.query_params.get("lang", "")
    lang = lang if lang in LANGUAGES else "fr"
    _ = translator(lang).gettext
    loaded, _error = get_catalogue()
    if loaded is None:
        return PlainTextResponse(_("The list of programmes is being updated. Please ask at the desk, or try again in a few minutes."), 503)
    ids = route_ids(request.query_params.get("routes", ""), SHEET_MAX)
    programmes = [p for i in ids if (p := loaded.shared_route(i)) is not None and not p.is_ended]
    if not programmes:
        return PlainTextResponse(_("This link holds no route we know. You can start your own search."), 404)
    link = f"{request.url.scheme}://{request.url.netloc}/?{share_query([p.id for p in programmes], lang)}"
    async with _building:
        data, file_name, mime = await run_in_threadpool(_build, programmes, lang, link)
    headers = {"Content-Disposition": f'attachment; filename="{file_name}"', "Cache-Control": "private, max-age=600"}
    return Response(data, media_type=mime, headers=headers)


#: The route navigator_server.py adds to Streamlit's.
ROUTES = [Route(SHEET_PATH, download, methods=["GET"])]
