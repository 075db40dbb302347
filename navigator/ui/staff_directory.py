"""Staff desk, national directory: the snapshot in use, search across curated and imported routes by origin,
an imported service's card, and the merges of imported services into curated programmes. In French, as the desk."""

from __future__ import annotations

import streamlit as st

from navigator.catalogue.data_inclusion.directory import source_name
from navigator.presentation.cards import card_html, safe
from navigator.presentation.labels import format_day
from navigator.presentation.staff_labels import hit_line, merge_line
from navigator.ui.markup import show
from navigator.ui.state import today, touch

CURATED = "catalogue"
#: The route whose card the desk opened from the directory's search.
OPENED = "staff_di_opened"


def _open(route_id: str) -> None:
    st.session_state[OPENED] = route_id
    touch()


def section(loaded, html_list) -> None:
    """The directory's part of the staff page; says so plainly when no snapshot was imported."""
    st.markdown("## 🇫🇷 Annuaire national (data·inclusion)")
    directory = loaded.directory
    if directory is None:
        st.info("Aucun instantané importé : seul le catalogue local est servi. Voir « National directory » dans le README.")
        return
    info = directory.info
    services = info.counts.get("services", {})
    st.markdown(
        f"Instantané du **{safe(format_day(info.imported_on, 'fr'))}** ({safe(info.source)}) : "
        f"{int(directory.active.sum()):,} services proposés".replace(",", " ")
        + (f" sur {services.get('read', 0):,} lus".replace(",", " ") if services else "")
        + f", {len(loaded.merges)} fusionnés avec le catalogue local."
    )
    if directory.prepared_file is not None:
        st.caption(f"Index préparé à l'import, partagé par les processus de l'app : {safe(directory.prepared_file.name)}.")
    else:
        st.warning(
            "L'index préparé n'a pas pu être écrit à côté de l'instantané : chaque processus de l'app construit sa propre "
            "copie (plus lent au démarrage, plus de mémoire). Sur le serveur : "
            "`python -m navigator import data-inclusion --prepare-only`."
        )
    origins = [None, CURATED, *directory.sources]
    c1, c2 = st.columns([3, 1])
    query = c1.text_input(
        "Chercher dans le catalogue et l'annuaire", key="staff_di_query", max_chars=200, placeholder="ex. atelier cv paris"
    )
    origin = c2.selectbox(
        "Origine",
        origins,
        key="staff_di_origin",
        format_func=lambda o: "Toutes" if o is None else "Catalogue local" if o == CURATED else source_name(o),
    )
    if query:
        found = []
        if origin in (None, CURATED):
            found += [(h.score, "catalogue local", loaded.route(h.id)) for h in loaded.search.search(query, lang="fr", limit=10)]
        if origin != CURATED:
            if loaded.directory_search is None:
                st.info("L'index de l'annuaire se construit ; réessayez dans quelques secondes.")
            else:
                sources = directory.table.column("source")
                for h in loaded.directory_search.search(query, limit=15, source=origin):
                    found.append((h.score, source_name(sources[directory.row_of[h.id]].as_py()), directory.get(h.id)))
        found.sort(key=lambda item: -item[0])
        if not found:
            st.info("Rien trouvé.")
        for _score, where, route in found[:20]:  # each hit says what the desk needs and opens the card
            if route is None:
                continue
            show(f"<p>{hit_line(route, today())} — <i>{safe(where)}</i></p>")
            st.button("📄 Ouvrir la fiche", key=f"staff_di_open_{route.id}", on_click=_open, args=(route.id,))
    chosen = st.session_state.get(OPENED)
    if chosen:
        route = loaded.route(chosen)
        if route is not None:
            show(card_html(route, "fr", today(), full=True))
    if loaded.merges:
        st.markdown("### Fusionnés avec le catalogue local")
        st.caption("Le texte et les critères du catalogue l'emportent ; l'annuaire ne complète que les coordonnées absentes.")
        html_list(
            merge_line(m) + (f" — complété : {safe(', '.join(m.filled))}" if m.filled else " — rien à compléter") for m in loaded.merges
        )
