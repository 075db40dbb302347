"""Export the catalogue to the open data·inclusion schema, validated by its own `Service` model.

    python -m navigator export > services.json

Régions have no code in data·inclusion's zone_eligibilite (it takes communes, départements, EPCI or
"france"), so a region-wide zone is exported as the list of its départements.
"""

from __future__ import annotations

from data_inclusion.schema.v1 import ModeMobilisation, PersonneMobilisatrice, Public, Service

from navigator.catalogue.models import Programme
from navigator.person.places import departements_of_region
from navigator.vocabulary import AccessMode

SOURCE = "navigator"

_MOBILISATION = {
    AccessMode.WALK_IN: ModeMobilisation.SE_PRESENTER,
    AccessMode.APPOINTMENT: ModeMobilisation.TELEPHONER,
}


def zone_codes(p: Programme) -> list[str]:
    z = p.zone
    if z.france:
        return ["france"]
    codes = [d for region in z.regions for d in departements_of_region().get(region, ())]
    return list(dict.fromkeys([*codes, *z.departements, *z.epcis, *z.communes]))


def _publics(p: Programme) -> dict:
    """data·inclusion's 'tous-publics' stands alone: targeted publics go into the precisions."""
    if Public.TOUS_PUBLICS in p.publics and len(p.publics) > 1:
        aimed = ", ".join(x.value for x in p.publics if x is not Public.TOUS_PUBLICS)
        return {"publics": {Public.TOUS_PUBLICS}, "publics_precisions": f"Ouvert à tous, en particulier : {aimed}"}
    return {"publics": set(p.publics)}


def to_service(p: Programme) -> Service:
    """One programme as a data·inclusion service (French texts; our own fields that the schema lacks are left out)."""
    c = p.contacts
    modes = {_MOBILISATION[m] for m in p.access.modes if m in _MOBILISATION}
    if c.email:
        modes.add(ModeMobilisation.ENVOYER_UN_COURRIEL)
    if c.phone:
        modes.add(ModeMobilisation.TELEPHONER)
    who = {PersonneMobilisatrice.PROFESSIONNELS} if AccessMode.REFERRAL in p.access.modes else set()
    if set(p.access.modes) - {AccessMode.REFERRAL}:
        who.add(PersonneMobilisatrice.USAGERS)
    return Service.model_validate(
        {
            "source": SOURCE,
            "structure_id": f"{SOURCE}--{p.organisation}"[:150],
            "id": f"{SOURCE}--{p.id}",
            "nom": p.name["fr"][:150].rstrip("."),
            "description": p.description["fr"],
            "date_maj": p.last_checked,
            "type": p.kind,
            "thematiques": set(p.thematiques),
            "frais": p.cost,
            "frais_precisions": (p.cost_details or {}).get("fr"),
            **_publics(p),
            "conditions_acces": (p.audience.to_confirm or {}).get("fr"),
            "adresse": c.address,
            "telephone": c.phone,
            "courriel": c.email,
            "lien_source": str(p.source.url) if p.source.url else None,
            "modes_accueil": set(p.modes_accueil),
            "zone_eligibilite": zone_codes(p) if p.zone.residence_required else None,  # no condition stated: none claimed
            "modes_mobilisation": modes or None,
            "mobilisable_par": who or None,
            "mobilisation_precisions": p.access.how["fr"],
            "horaires_accueil": c.opening_hours,
        }
    )


def exported(p: Programme) -> bool:
    """Not ended, and with a recorded check: data·inclusion requires `date_maj`, and an unknown one is not invented."""
    return not p.is_ended and p.last_checked is not None


def export(catalogue) -> list[dict]:
    """Every programme that has not ended and has a known check date, as data·inclusion services (JSON-ready)."""
    return [to_service(p).model_dump(mode="json", exclude_none=True) for p in catalogue if exported(p)]
