"""The curation desk (staff only, behind the staff key): what needs attention, "checked today", an edit of contacts,
hours, status and end date checked by the models, its diff, then the file written and the catalogue reloaded.

The work itself is in navigator.catalogue.curation; this page asks, shows and calls it.
"""

from __future__ import annotations

import streamlit as st

from navigator.catalogue.curation import (
    EditRefused,
    apply,
    decide_duplicate,
    duplicates_to_confirm,
    needing_attention,
    propose,
    recent_changes,
    translations_to_review,
)
from navigator.catalogue.loading import read_programme
from navigator.presentation.cards import safe
from navigator.presentation.staff_labels import merge_line
from navigator.ui.markup import show
from navigator.ui.resources import get_catalogue, reload_catalogue
from navigator.ui.staff import allowed, html_list
from navigator.ui.state import today
from navigator.vocabulary import Lifecycle

PROPOSAL = "curation_proposal"
DONE = "curation_done"


def page() -> None:
    st.markdown("# ✏️ Curation du catalogue")
    if not allowed():
        return
    loaded, error = get_catalogue()
    if error is not None:
        st.error("Le catalogue ne se charge pas : " + " ; ".join(map(str, error.problems[:5])))
    if loaded is None:
        return
    catalogue = loaded.catalogue
    if done := st.session_state.pop(DONE, None):
        st.success(done)
    attention(catalogue)
    duplicates(loaded)
    edit(catalogue)
    history(catalogue)


def attention(catalogue) -> None:
    import pandas as pd  # noqa: PLC0415 (staff pages only: not loaded at every app start)

    st.markdown("## À regarder")
    rows = needing_attention(catalogue, today())
    if rows:
        st.dataframe(
            pd.DataFrame({"programme": [r.programme for r in rows], "pourquoi": [r.reason for r in rows]}),
            hide_index=True,
            use_container_width=True,
            key="curation_attention",
        )
    else:
        st.markdown("Rien à revérifier aujourd'hui.")
    st.markdown("### Traductions à relire, par langue")
    st.caption("Seules les entrées marquées `# reviewed-by:` dans catalogue.po sont relues ; les autres sont des brouillons.")
    counts = translations_to_review(catalogue)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "langue": lang,
                    "relues": c["reviewed"],
                    "brouillons": c["draft"],
                    "français modifié (à relire)": c["fuzzy"],
                    "cassées": c["broken"],
                    "manquantes": c["missing"],
                }
                for lang, c in counts.items()
            ]
        ),
        hide_index=True,
        use_container_width=True,
        key="curation_translations",
    )


def duplicates(loaded) -> None:
    """Imported services merged by a rule (same name and commune, same SIRET): staff confirm or reject each; the
    decision goes into the programme file (`data_inclusion_ids` or `data_inclusion_distinct`) and the change log."""
    st.markdown("## Doublons importés à confirmer")
    if loaded.directory is None:
        st.markdown("Aucun annuaire national importé : rien à confirmer.")
        return
    pending = duplicates_to_confirm(loaded.merges)
    if not pending:
        st.markdown("Aucun doublon à confirmer.")
        return
    st.caption(
        "Ces services de l'annuaire national ressemblent à une fiche du catalogue et y sont fusionnés (ses coordonnées "
        "complètent la fiche). « Même service » l'inscrit dans la fiche ; « Service différent » l'en sépare pour de bon."
    )
    staff = st.text_input("Votre équipe (label, ex. accueil-poitiers — pas un nom)", key="curation_dup_staff", max_chars=40)
    for i, m in enumerate(pending):
        show(f"<p>{merge_line(m)}</p>")
        same, other = st.columns(2)
        if same.button("✅ Même service", key=f"curation_dup_same_{i}"):
            _decide(loaded.catalogue.directory, m, True, staff)
        if other.button("❌ Service différent", key=f"curation_dup_other_{i}"):
            _decide(loaded.catalogue.directory, m, False, staff)


def _decide(directory, merge, same: bool, staff: str) -> None:
    proposal = decide_duplicate(directory, merge, same)
    if proposal.problems:
        st.error("Non enregistré : " + " ; ".join(map(str, proposal.problems)))
        return
    try:
        apply(proposal, staff.strip(), "doublon confirmé" if same else "doublon rejeté : service différent")
    except EditRefused as refused:
        st.error(f"Non enregistré : {refused}")
        return
    reload_catalogue()
    verdict = "même service" if same else "service différent"
    st.session_state[DONE] = f"{merge.service_id} : {verdict}, enregistré dans {proposal.path.name} et catalogue rechargé."
    st.rerun()


def edit(catalogue) -> None:
    st.markdown("## Modifier une fiche")
    ids = [p.id for p in catalogue]
    chosen = st.selectbox("Programme", ids, index=None, key="curation_programme", placeholder="Choisissez un programme")
    if chosen is None:
        return
    path = catalogue.directory / f"{chosen}.yaml"
    # The form shows the file as written: the loaded programme may carry contacts and hours merged in from the national
    # directory, which saving would otherwise copy into the curated file.
    p, problems = read_programme(path, catalogue.directory)
    if p is None:
        st.error(f"{path.name} ne se lit pas : " + " ; ".join(problem.message for problem in problems[:5]))
        return
    c = p.contacts
    with st.form("curation_form"):
        staff = st.text_input("Votre équipe (label, ex. accueil-poitiers — pas un nom)", key="curation_staff", max_chars=40)
        checked = st.checkbox("Vérifié aujourd'hui (appel ou site officiel)", key="curation_checked")
        note = st.text_area("Note pour le journal (facultatif)", key="curation_note", max_chars=500)
        phone = st.text_input("Téléphone", value=c.phone or "", key="curation_phone", max_chars=40)
        email = st.text_input("Courriel", value=c.email or "", key="curation_email", max_chars=120)
        website = st.text_input("Site web", value=str(c.website or ""), key="curation_website", max_chars=300)
        address = st.text_input("Adresse", value=c.address or "", key="curation_address", max_chars=300)
        hours = st.text_input("Horaires (syntaxe OpenStreetMap, ex. Tu 14:00-17:00)", value=c.opening_hours or "", key="curation_hours")
        states = [s.value for s in Lifecycle]
        state = st.selectbox("Statut", states, index=states.index(p.status.state.value), key="curation_state")
        has_end = st.checkbox("Date de fin connue", value=p.status.ends_on is not None, key="curation_has_end")
        ends_on = st.date_input("Date de fin", value=p.status.ends_on or today(), key="curation_ends_on", format="DD/MM/YYYY")
        preview = st.form_submit_button("Prévisualiser", type="primary")
    if preview:
        edits = {
            "contacts.phone": phone.strip(),
            "contacts.email": email.strip(),
            "contacts.website": website.strip(),
            "contacts.address": address.strip(),
            "contacts.opening_hours": hours.strip(),
            "status.state": state,
            "status.ends_on": ends_on if has_end else None,
        }
        if checked:
            edits["last_checked"] = today()
        st.session_state[PROPOSAL] = (propose(path, edits), staff.strip(), note)
    shown = st.session_state.get(PROPOSAL)
    if not shown or shown[0].path != path:
        return
    proposal, staff, note = shown
    if not proposal.changes:
        st.info("Aucun changement.")
        return
    st.markdown("### Aperçu du changement")
    st.code(proposal.diff, language="diff")
    if proposal.problems:
        st.error("Ce changement n'est pas valide ; le fichier n'est pas modifié :")
        html_list(f"<code>{safe(problem.field or '(fichier)')}</code> : {safe(problem.message)}" for problem in proposal.problems)
        return
    if st.button("Enregistrer dans le fichier", key="curation_save", type="primary"):
        try:
            entry = apply(proposal, staff, note)
        except EditRefused as refused:
            st.error(f"Non enregistré : {refused}")
            return
        st.session_state.pop(PROPOSAL, None)
        reload_catalogue()
        fields = ", ".join(ch["field"] for ch in entry["changes"])
        st.session_state[DONE] = f"Enregistré dans {proposal.path.name} ({fields}) et catalogue rechargé."
        st.rerun()


def history(catalogue) -> None:
    import pandas as pd  # noqa: PLC0415 (staff pages only: not loaded at every app start)

    st.markdown("## Journal des changements")
    changes = recent_changes(catalogue.directory)
    if not changes:
        st.markdown("Aucun changement enregistré.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "quand": c["when"],
                    "équipe": c["staff"],
                    "programme": c["programme"],
                    "changement": "; ".join(f"{ch['field']}: {ch['from']} → {ch['to']}" for ch in c["changes"]),
                    "note": c.get("note", ""),
                }
                for c in changes
            ]
        ),
        hide_index=True,
        use_container_width=True,
        key="curation_history",
    )
