"""Staff desk, national directory: the snapshot in use, search across curated and imported routes by origin,
an imported service's card, and the merges of imported services into curated programmes. In French, as the desk."""

from __future__ import annotations

import streamlit as st

from navigator.catalogue.data_inclusion.directory import source_name
from navigator.presentation.cards import card_html, safe
from navigator.presentation.labels import format_day
from navigator.ui.state import today

CURATED = "catalogue"


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
            found += [(h.score, "Catalogue local", h) for h in loaded.search.search(query, lang="fr", limit=10)]
        if origin != CURATED:
            if loaded.directory_search is None:
                st.info("L'index de l'annuaire se construit ; réessayez dans quelques secondes.")
            else:
                found += [
                    (h.score, source_name(directory.table.column("source")[directory.row_of[h.id]].as_py()), h)
                    for h in loaded.directory_search.search(query, limit=15, source=origin)
                ]
        found.sort(key=lambda item: -item[0])
        if not found:
            st.info("Rien trouvé.")
        html_list(
            f"<b>{safe(h.name)}</b> (<code>{safe(h.id)}</code>) — {safe(where)} — score {score:.2f}" for score, where, h in found[:20]
        )
    chosen = st.text_input(
        "Fiche d'un service de l'annuaire (son identifiant)", key="staff_di_card", max_chars=200, placeholder="ex. dora--1234"
    )
    if chosen:
        service = directory.get(chosen.strip())
        if service is None:
            st.warning("Aucun service de l'annuaire n'a cet identifiant (il a peut-être été fusionné avec un programme du catalogue).")
        else:
            st.html(card_html(service, "fr", today(), full=True))
    if loaded.merges:
        st.markdown("### Fusionnés avec le catalogue local")
        st.caption("Le texte et les critères du catalogue l'emportent ; l'annuaire ne complète que les coordonnées absentes.")
        html_list(
            f"<code>{safe(m.programme_id)}</code> ← <code>{safe(m.service_id)}</code> — {safe(m.why)}"
            + (f" — complété : {safe(', '.join(m.filled))}" if m.filled else " — rien à compléter")
            for m in loaded.merges
        )
