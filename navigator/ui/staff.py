"""Staff desk: quick search, the whole catalogue as a filterable table, full cards, stale entries, assisted mode."""

from __future__ import annotations

import math
import os
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import streamlit as st
from babel.dates import format_date
from streamlit.runtime.scriptrunner import get_script_run_ctx

from navigator.catalogue.freshness import concerns
from navigator.i18n import LANGUAGES, babel_locale, native_name
from navigator.presentation.cards import card_html, safe
from navigator.presentation.labels import format_day
from navigator.presentation.sheet import sheet_html
from navigator.presentation.sheet_pdf import pdf_problem, sheet_pdf
from navigator.presentation.staff_labels import category_fr, day_fr, hit_line, warning_lines
from navigator.statistics.store import MIN_COUNT, Metric, search_items
from navigator.statistics.store import enabled as stats_enabled
from navigator.ui import staff_directory
from navigator.ui.markup import show
from navigator.ui.printing import print_document
from navigator.ui.resources import count, get_catalogue, refresh_seconds, reload_catalogue, serving_state, stats_store
from navigator.ui.session_keys import Key
from navigator.ui.staff_access import MAX_KEY_LENGTH, configured_key, try_key
from navigator.ui.state import kiosk_enabled, today, touch
from navigator.vocabulary import Lifecycle, Project, Status

if TYPE_CHECKING:
    import pandas as pd


def catalogue_table(catalogue) -> pd.DataFrame:
    import pandas as pd  # noqa: PLC0415 (staff pages only: not loaded at every app start)

    rows = []
    for p in catalogue:
        z = p.zone
        rows.append(
            {
                "id": p.id,
                "nom": p.name["fr"],
                "organisation": p.organisation,
                "territoire": z.name,
                "national": z.france,
                "départements": ", ".join(z.departements),
                "projets": ", ".join(x.value for x in p.projects),
                "publics": ", ".join(x.value for x in p.publics),
                "situations": ", ".join(x.value for x in {*p.audience.statuses_aimed, *p.audience.statuses_required}),
                "âge": f"{p.audience.age_min or ''}–{p.audience.age_max or ''}",
                "statut": p.status.state.value,
                "vérifié le": p.last_checked.isoformat() if p.last_checked else "inconnue",
                "à revérifier": bool(concerns(p, today())),
            }
        )
    return pd.DataFrame(rows)


def html_list(items) -> None:
    """A list of lines built from escaped text, put on the page as HTML (never through Markdown, which would turn
    a programme named `[x](http://…)` into a live link)."""
    lines = "".join(f"<li>{item}</li>" for item in items)
    if lines:
        show(f"<ul>{lines}</ul>")


CLOSED = (
    "L'espace équipe est fermé : aucune clé n'est configurée sur ce serveur. "
    "La personne qui installe l'application la donne dans la variable NAVIGATOR_STAFF_KEY."
)


def _client() -> tuple[str, str]:
    """This session's id and the client's address (the one our local proxy names when the connection is local)."""
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else "no-session"
    address = st.context.ip_address
    if not isinstance(address, str):  # loopback: the kiosk's own browser, or the reverse proxy in front, naming the client
        forwarded = st.context.headers.get("X-Forwarded-For")
        address = (forwarded if isinstance(forwarded, str) else "").rsplit(",", 1)[-1].strip() or "local"
    return str(session), address[:64]


def _check(given: str) -> None:
    session, address = _client()
    unlocked, wait = try_key(given, session, address)
    if unlocked:
        st.session_state[Key.STAFF_UNLOCKED] = True
        st.session_state.pop(Key.STAFF_KEY_WAIT, None)
        touch()
    else:
        st.session_state[Key.STAFF_KEY_WAIT] = wait


def _key_typed() -> None:
    given = st.session_state.get(Key.STAFF_KEY_INPUT)
    st.session_state[Key.STAFF_KEY_INPUT] = ""  # the key never stays in the field
    if given:
        _check(given)


def allowed() -> bool:
    """Closed without NAVIGATOR_STAFF_KEY; otherwise the key once per session, typed or as ?key= (removed from the
    address at once). The unlock lives in this session only: Start over and the inactivity reset end it."""
    from_url = st.query_params.get("key")
    if "key" in st.query_params:
        del st.query_params["key"]  # out of the address bar and the history entry
    if configured_key() is None:
        st.warning(CLOSED)
        return False
    if from_url and not st.session_state.get(Key.STAFF_UNLOCKED):
        _check(from_url)
    if st.session_state.get(Key.STAFF_UNLOCKED):
        touch()  # staff at work count as activity for the inactivity reset
        return True
    st.text_input(
        "Clé de l'équipe",
        type="password",
        key=Key.STAFF_KEY_INPUT,
        placeholder="Demandez-la à la responsable",
        on_change=_key_typed,
        max_chars=MAX_KEY_LENGTH,
    )
    wait = st.session_state.get(Key.STAFF_KEY_WAIT)
    if wait is not None:
        later = f" Trop d'essais : attendez {math.ceil(wait)} s avant d'essayer encore." if wait > 0 else ""
        st.error("Clé incorrecte." + later)
    return False


def page() -> None:
    st.markdown("# 🗂️ Espace équipe")
    if not allowed():
        return
    st.button(
        "🔄 Recharger le catalogue",
        key="staff_reload",
        on_click=reload_catalogue,
        help="Ce processus relit le catalogue et l'instantané tout de suite, les autres processus de l'app peu après.",
    )
    if pages := st.session_state.get(Key.PAGES):
        st.page_link(pages["curation"], label="✏️ Curation : fiches à revérifier, modifier, journal")
    loaded, error = get_catalogue()
    this_process(loaded)
    if error is not None:
        served = "le public voit encore la dernière version valide" if loaded else "le public voit un message d'attente"
        st.error(f"Le catalogue ne se charge pas ({served}). Problèmes à corriger :")
        html_list(f"<code>{safe(p.file)}</code> — <b>{safe(p.field or '(fichier)')}</b> : {safe(p.message)}" for p in error.problems)
    if loaded is None:
        return
    catalogue, index = loaded.catalogue, loaded.search

    st.markdown("## 🤝 Mode accompagné")
    st.caption("Vous remplissez le parcours en français avec la personne ; ses résultats et sa fiche sortent dans sa langue.")
    visitor = st.selectbox(
        "Langue de la personne",
        LANGUAGES,
        format_func=native_name,
        key="staff_visitor_lang",
        index=None,
        placeholder="Choisir la langue de la personne",
    )
    if st.button("Commencer le parcours accompagné", key="staff_assisted", type="primary"):
        st.session_state[Key.LANG] = "fr"
        st.session_state[Key.VISITOR_LANG] = visitor or "fr"
        st.session_state[Key.STEP] = 1
        touch()
        st.switch_page(st.session_state[Key.PAGES]["flow"])

    st.markdown("## 🔎 Recherche rapide")
    query = st.text_input(
        "Mots-clés (fautes et accents tolérés)", key="staff_query", placeholder="ex. permis libourne, FLE, créer ma boîte", max_chars=200
    )
    if query:
        hits = index.search(query, lang="fr", limit=15)
        if st.session_state.get(Key.STAFF_COUNTED_QUERY) != query:
            st.session_state[Key.STAFF_COUNTED_QUERY] = query
            count(search_items(query, len(hits)))
        if not hits:
            st.info("Aucun programme trouvé.")
        for h in hits:  # each hit says what the desk needs and opens the card
            p = catalogue.get(h.id)
            if p is None:
                continue
            show(f"<p>{hit_line(p, today())}</p>")
            st.button("📄 Ouvrir la fiche", key=f"staff_open_{h.id}", on_click=_open_card, args=(h.id,))

    staff_directory.section(loaded, html_list)

    st.markdown("## 📋 Catalogue")
    table = catalogue_table(catalogue)
    c1, c2, c3, c4 = st.columns(4)
    project = c1.selectbox("Projet", [p.value for p in Project], index=None, key="staff_f_project", placeholder="Tous")
    status = c2.selectbox("Situation", [s.value for s in Status], index=None, key="staff_f_status", placeholder="Toutes")
    place = c3.text_input("Territoire ou département", key="staff_f_place", placeholder="ex. 86, Libournais")
    state = c4.selectbox("Statut", [s.value for s in Lifecycle], index=None, key="staff_f_state", placeholder="Tous")
    shown = table
    if project:
        shown = shown[shown["projets"].str.contains(project, regex=False)]
    if status:
        shown = shown[shown["situations"].str.contains(status, regex=False)]
    if place:
        needle = place.strip().lower()
        shown = shown[
            shown["territoire"].str.lower().str.contains(needle, regex=False)
            | shown["départements"].str.contains(needle, regex=False)
            | shown["national"]
        ]
    if state:
        shown = shown[shown["statut"] == state]
    st.dataframe(shown, hide_index=True, use_container_width=True, key="staff_table")

    st.markdown("## 📄 Fiche d'un programme")
    chosen = st.selectbox(
        "Programme",
        [p.id for p in catalogue],
        format_func=lambda i: catalogue.get(i).name["fr"],
        index=None,
        key="staff_card",
        placeholder="Choisir un programme",
    )
    if chosen:
        p = catalogue.get(chosen)
        if st.session_state.get(Key.STAFF_COUNTED_CARD) != chosen:
            st.session_state[Key.STAFF_COUNTED_CARD] = chosen
            count([(Metric.ROUTE_OPENED, chosen)])
        show(card_html(p, "fr", today(), full=True, kiosk=kiosk_enabled()))
        if p.curator_notes:
            st.info("📝 Note pour l'équipe (jamais montrée au public) :")
            st.text(p.curator_notes)
        if kiosk_enabled():  # nothing is downloaded onto a kiosk
            if st.button("🖨️ Imprimer la fiche", key="staff_print"):
                print_document(sheet_html([p], "fr", today(), p.name["fr"]))
        else:
            pdf = pdf_problem() is None
            st.download_button(
                "📄 Télécharger la fiche (PDF)" if pdf else "🖨️ Télécharger la fiche",
                (lambda: sheet_pdf([p], "fr", today(), p.name["fr"]))
                if pdf
                else (lambda: sheet_html([p], "fr", today(), p.name["fr"]).encode()),
                file_name=f"{p.id}.pdf" if pdf else f"{p.id}.html",
                mime="application/pdf" if pdf else "text/html",
                key="staff_sheet",
                on_click="ignore",
            )

    dashboard()

    st.markdown("## ⏳ À revérifier")
    html_list(warning_lines(catalogue, today()))
    ended = [p for p in catalogue if p.is_ended]
    if ended:
        show("<p><b>Terminés (jamais proposés) :</b> " + ", ".join(f"<code>{safe(p.id)}</code>" for p in ended) + "</p>")


def this_process(loaded) -> None:
    """Which catalogue and snapshot the process that drew this page serves (the app may run several behind nginx),
    and whether it refused a new snapshot."""
    read_at, refused = serving_state()
    if loaded is not None:
        line = f"ℹ️ Ce processus (n° {os.getpid()}) sert {len(loaded.catalogue)} programmes du catalogue"
        if read_at is not None:
            line += f", lus à {datetime.fromtimestamp(read_at):%H:%M:%S}"
        directory = loaded.directory
        if directory is None:
            line += ", sans instantané de l'annuaire national."
        else:
            info, offered = directory.info, f"{int(directory.active.sum()):,}".replace(",", " ")
            line += (
                f", et l'instantané data·inclusion importé le {format_day(info.imported_on, 'fr')} à {info.imported_at[11:16]} UTC"
                f" ({safe(info.source)}) : {offered} services proposés."
            )
        every = refresh_seconds()
        line += (
            f" Chaque processus relit de lui-même le catalogue et l'instantané quand leurs fichiers changent (vu en {every:g} s au plus)."
            if every
            else " Les processus ne relisent pas d'eux-mêmes (NAVIGATOR_REFRESH_SECONDS=0) : utilisez le bouton."
        )
        st.caption(line)
    if refused:
        st.warning(f"Un nouvel instantané a été refusé, ce processus sert encore le précédent : {safe(refused)}")


def _open_card(programme_id: str) -> None:
    st.session_state["staff_card"] = programme_id
    touch()


def _chart(totals: dict, metric: Metric, title: str, by_count: bool = True) -> None:
    """A horizontal bar per category, named in French, each bar with its count written beside it; largest first, or
    in the given order (periods of time)."""
    import altair as alt  # noqa: PLC0415 (staff pages only: not loaded at every app start)
    import pandas as pd  # noqa: PLC0415 (staff pages only: not loaded at every app start)

    data = pd.DataFrame({"catégorie": [category_fr(metric.value, c) for c in totals], "nombre": list(totals.values())})
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(x=alt.X("nombre:Q", title="nombre"), y=alt.Y("catégorie:N", sort="-x" if by_count else None, title=None))
    )
    text = bars.mark_text(align="left", dx=4).encode(text="nombre:Q")
    st.altair_chart((bars + text).properties(title=title), use_container_width=True)


def dashboard() -> None:
    """Counts over a chosen period: flows, projects, languages, situations, unmet needs, searches without result."""
    import pandas as pd  # noqa: PLC0415 (staff pages only: not loaded at every app start)

    st.markdown("## 📊 Statistiques anonymes")
    if not stats_enabled():
        st.info("Les statistiques sont désactivées (NAVIGATOR_STATS=off).")
        return
    end = today()
    period = st.date_input("Période", value=(end - timedelta(days=30), end), max_value=end, key="stats_period", format="DD/MM/YYYY")
    if not isinstance(period, tuple) or len(period) != 2:
        st.caption("Choisissez une date de début et une date de fin.")
        return
    start, end = period
    store = stats_store()
    if not store.reachable:
        st.warning("La base des statistiques ne répond pas ; nouvel essai dans quelques secondes.")
        return
    st.caption(
        f"Comptes par semaine ; une catégorie comptée moins de {MIN_COUNT} fois sur la période n'est pas montrée "
        "(ni exportée), pour que personne ne puisse y être reconnu."
    )
    flows = store.totals(start, end, Metric.FLOW_COMPLETED).get("all")
    st.metric("Parcours terminés", flows if flows is not None else f"moins de {MIN_COUNT}")
    period, over_time = store.over_time(start, end, Metric.FLOW_COMPLETED)
    if over_time:
        unit = "semaine du" if period == "week" else "mois de"
        labelled = {
            (day_fr(d) if period == "week" else format_date(d, "MMMM y", locale=babel_locale("fr"))): n for d, n in over_time.items()
        }
        _chart(labelled, Metric.FLOW_COMPLETED, f"Parcours terminés, par {unit.split()[0]}", by_count=False)
    columns = st.columns(2)
    for i, (metric, title) in enumerate(
        [
            (Metric.PROJECT, "Projets"),
            (Metric.LANGUAGE, "Langues"),
            (Metric.STATUS, "Situations"),
            (Metric.AGE_BAND, "Âges"),
            (Metric.UNMET_DEPARTEMENT, "Sans solution, par département"),
            (Metric.UNMET_PROJECT, "Sans solution, par projet"),
        ]
    ):
        totals = store.totals(start, end, metric)
        with columns[i % 2]:
            st.markdown(f"**{title}**")
            if totals:
                _chart(totals, metric, title)
            else:
                st.caption(f"Rien à montrer sur la période (aucune catégorie comptée {MIN_COUNT} fois).")
    st.markdown(f"**Recherches sans résultat (vues au moins {MIN_COUNT} fois dans une semaine)**")
    missing = store.totals(start, end, Metric.SEARCH_TEXT_NO_RESULT)
    st.dataframe(pd.DataFrame({"recherche": list(missing), "fois": list(missing.values())}), hide_index=True, key="stats_missing")
    if kiosk_enabled():
        st.caption("L'export CSV n'est pas proposé sur une borne (rien n'y est téléchargé).")
        return
    rows = pd.DataFrame(store.rows(start, end))
    st.download_button(
        "⬇️ Exporter en CSV",
        rows.to_csv(index=False).encode("utf-8"),
        file_name=f"navigator-stats-{start}-{end}.csv",
        mime="text/csv",
        key="stats_csv",
        on_click="ignore",
    )
