"""Display labels: every vocabulary code and every reason, marked for translation, with a pictogram.

The domain stores codes; this module turns them into words in the visitor's
language at display time (`lang` is chosen per session, never globally).
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from navigator.eligibility.reasons import Reason
from navigator.i18n import N_, long_date, translator, word_list
from navigator.vocabulary import (
    AccessMode,
    Delivery,
    FrenchLevel,
    Lifecycle,
    Mobility,
    Prescriber,
    Project,
    Status,
    Verdict,
)

#: Label and pictogram for every vocabulary member. A completeness test checks none is missing.
LABELS: dict[Enum, tuple[str, str]] = {
    Project.FIND_JOB: (N_("Find a job"), "💼"),
    Project.TRAINING: (N_("Get trained"), "🎓"),
    Project.APPRENTICESHIP: (N_("Learn a trade while working (apprenticeship)"), "🛠️"),
    Project.DISCOVER_TRADES: (N_("Discover jobs and trades"), "🔍"),
    Project.CREATE_BUSINESS: (N_("Start my own business"), "🚀"),
    Project.COLLECTIVE_BUSINESS: (N_("Start or take over a business together (cooperative)"), "🤝"),
    Project.LEARN_FRENCH: (N_("Learn French"), "🗣️"),
    Project.MOBILITY: (N_("Get around: driving licence, transport, vehicle"), "🚗"),
    Project.DIGITAL_ADMIN: (N_("Paperwork and online accounts"), "📄"),
    Status.JOB_SEEKER: (N_("Looking for work"), "🔎"),
    Status.RSA: (N_("I receive RSA (basic income support)"), "💶"),
    Status.OUT_OF_SCHOOL: (N_("Young, not in school, training or work"), "🧢"),
    Status.STUDENT: (N_("Pupil or student"), "🎒"),
    Status.EMPLOYEE: (N_("I have a job"), "🧑‍🔧"),
    Status.ENTREPRENEUR: (N_("I run my own business"), "🏪"),
    Status.REFUGEE: (N_("Refugee or international protection"), "🕊️"),
    Status.ASYLUM_SEEKER: (N_("Asylum seeker"), "📨"),
    Status.UNACCOMPANIED_MINOR: (N_("Under 18 and alone in France"), "🧒"),
    Status.DISABILITY: (N_("Recognised disabled worker (RQTH)"), "♿"),
    Status.RETIRED: (N_("Retired"), "🧓"),
    FrenchLevel.NONE: (N_("I do not speak French"), "🤐"),
    FrenchLevel.BEGINNER: (N_("A few words"), "🌱"),
    FrenchLevel.INTERMEDIATE: (N_("I can talk about everyday things"), "💬"),
    FrenchLevel.FLUENT: (N_("I speak French well"), "📚"),
    Mobility.WALK: (N_("On foot"), "🚶"),
    Mobility.PUBLIC_TRANSPORT: (N_("Bus, tram or train"), "🚌"),
    Mobility.BIKE_SCOOTER: (N_("Bike or scooter"), "🚲"),
    Mobility.CAR: (N_("Car"), "🚗"),
    Delivery.ON_SITE: (N_("At their place"), "🏢"),
    Delivery.COMES_TO_YOU: (N_("They come near you (town hall, local service centre)"), "📍"),
    Delivery.ITINERANT: (N_("Moves from place to place"), "🚐"),
    Delivery.REMOTE: (N_("By phone or online"), "📞"),
    AccessMode.WALK_IN: (N_("Walk in, no appointment"), "🚪"),
    AccessMode.APPOINTMENT: (N_("Contact them for an appointment"), "📅"),
    AccessMode.REFERRAL: (N_("A counsellor must send you (referral)"), "📝"),
    AccessMode.APPLICATION: (N_("Apply for a place"), "✍️"),
    AccessMode.THROUGH_SCHOOL: (N_("Only through your school"), "🏫"),
    AccessMode.THROUGH_EMPLOYER: (N_("Only through your employer"), "🏭"),
    Prescriber.FRANCE_TRAVAIL: (N_("France Travail (formerly Pôle emploi)"), "🏛️"),
    Prescriber.MISSION_LOCALE: (N_("Mission locale (for 16–25 year-olds)"), "🧑‍🤝‍🧑"),
    Prescriber.CAP_EMPLOI: (N_("Cap emploi (for disabled workers)"), "♿"),
    Prescriber.PLIE: (N_("PLIE (local back-to-work plan)"), "🧭"),
    Prescriber.SOCIAL_WORKER: (N_("A social worker"), "🤲"),
    Prescriber.TOWN_HALL: (N_("Town hall or its social service (CCAS)"), "🏛️"),
    Prescriber.INSERTION_STRUCTURE: (N_("A back-to-work organisation"), "🔧"),
    Prescriber.BUSINESS_CREATION_NETWORK: (N_("A business-creation adviser"), "💡"),
    Prescriber.ASSOCIATION: (N_("A local association"), "🏘️"),
    Prescriber.SCHOOL: (N_("A school"), "🏫"),
    Prescriber.MIGRANT_SUPPORT: (N_("A support service for migrants"), "🌍"),
    Prescriber.STATE_SERVICES: (N_("State services"), "🏛️"),
    Lifecycle.ACTIVE: (N_("Running"), "✅"),
    Lifecycle.EXPERIMENTAL: (N_("Trial"), "🧪"),
    Lifecycle.RECURRING: (N_("Comes back regularly"), "🔁"),
    Lifecycle.PLANNED: (N_("Not started yet"), "⏳"),
    Lifecycle.ANNOUNCED: (N_("Announced, not shown open"), "📅"),
    Lifecycle.UNCONFIRMED: (N_("Not confirmed it still runs"), "❔"),
    Lifecycle.ENDED: (N_("Ended"), "⛔"),
    Verdict.ELIGIBLE: (N_("This fits you"), "✅"),
    Verdict.CHECK: (N_("Ask them to confirm"), "❓"),
    Verdict.NEAR_MISS: (N_("Almost"), "🔸"),
    Verdict.INELIGIBLE: (N_("Not for you"), "✖️"),
}

#: Statuses as a sentence names an audience ("It is only for: job seekers, …"); LABELS holds how a person says it of
#: themselves on a button ("I receive RSA"). A completeness test checks every status has both.
AUDIENCES: dict[Status, str] = {
    Status.JOB_SEEKER: N_("job seekers"),
    Status.RSA: N_("people who receive RSA"),
    Status.OUT_OF_SCHOOL: N_("young people not in school, training or work"),
    Status.STUDENT: N_("pupils and students"),
    Status.EMPLOYEE: N_("people in work"),
    Status.ENTREPRENEUR: N_("people who run their own business"),
    Status.REFUGEE: N_("refugees and people under international protection"),
    Status.ASYLUM_SEEKER: N_("asylum seekers"),
    Status.UNACCOMPANIED_MINOR: N_("under-18s alone in France"),
    Status.DISABILITY: N_("recognised disabled workers (RQTH)"),
    Status.RETIRED: N_("retired people"),
}

#: French levels as a programme's requirement ("French needed: a few words"); LABELS holds the person's own answer
#: ("I speak French well").
REQUIREMENTS: dict[FrenchLevel, str] = {
    FrenchLevel.NONE: N_("none"),
    FrenchLevel.BEGINNER: N_("a few words"),
    FrenchLevel.INTERMEDIATE: N_("enough to talk about everyday things"),
    FrenchLevel.FLUENT: N_("a good level"),
}

#: Reason message ids (see navigator.eligibility.criteria) and their texts with {placeholders}.
REASONS: dict[str, str] = {
    "projects_met": N_("It helps with: {projects}."),
    "projects_not_met": N_("It helps with other things: {projects}."),
    "projects_unknown": N_("You did not say what you want to do."),
    "age_met": N_("Your age fits ({ages})."),
    "age_too_young": N_("It is for {ages}. You are {age}."),
    "age_too_old": N_("It is for {ages}. You are {age}."),
    "age_unknown": N_("It is for {ages}. Your age was not given."),
    "statuses_met": N_("It is for {statuses}: that is your situation."),
    "statuses_not_met": N_("It is only for: {statuses}."),
    "statuses_unknown": N_("It is only for: {statuses}. Your situation was not given."),
    "french_met": N_("Your French is enough."),
    "french_not_met": N_("French needed: {level}."),
    "french_unknown": N_("French needed: {level}. Your level of French was not given."),
    "language_spoken": N_("It is also given in a language you speak."),
    "qpv_met": N_("You live in a priority neighbourhood (QPV): it is for you."),
    "qpv_not_met": N_("It is only for people living in a priority neighbourhood (QPV)."),
    "qpv_unknown": N_("It is only for people living in a priority neighbourhood (QPV). Ask them if your address is in one."),
    "licence_met": N_("It needs a driving licence: you have one."),
    "licence_not_met": N_("It needs a driving licence. Without one, a driving school can help you get it."),
    "licence_unknown": N_("It needs a driving licence: do you have one?"),
    "residence_france": N_("Open everywhere in France."),
    "residence_abroad": N_("Open everywhere in France. You live outside France: ask them what they can do for you from abroad."),
    "residence_met": N_("You live in its area: {zone}."),
    "residence_not_met": N_("It is only for people living in: {zone}."),
    "residence_nearby": N_("It is for people living in: {zone}. Your home is just outside this area, a short distance away."),
    "residence_unknown": N_("It is for people living in: {zone}. Your place was not given."),
    "residence_depends_on_commune": N_("It is for people living in: {zone}. It depends on your town within {postal_code}."),
    "residence_based_here": N_("It works in your area: {zone}."),
    "residence_not_stated": N_("It works in: {zone}. Whether you must live there is not said: ask them."),
    "residence_based_far": N_("It works in: {zone}, far from your home."),
    "to_confirm": N_("To confirm with them: {text}"),
    "directory_unknown": N_("The national directory does not say who it is for (age, French level, languages): ask them."),
    "programme_ended": N_("This programme has ended."),
    "programme_not_started": N_("This programme has not started yet."),
    "experiment_past_end": N_("This trial was due to end on {ends_on}. Call to check it still runs."),
    "status_to_check": N_("Check with them that it runs: {note}"),
    "information_old": N_("Information from {last_checked}. Call before you go."),
    "information_undated": N_("The date this information was last checked is unknown. Call before you go."),
    "recurring_period": N_("It comes back regularly: {period}"),
    "unlock_age_wait": N_("You will be old enough soon: ask them when to come."),
    "unlock_ask_exception": N_("Ask them: they sometimes make an exception."),
    "unlock_register_job_seeker": N_("Register as a job seeker with France Travail to get in."),
    "unlock_french_course": N_("A French course first would open it."),
}

#: Plain explanations of the jargon a visitor meets (shown beside the word).
JARGON = {
    "QPV": N_("QPV: a priority neighbourhood, an area of a town where the State gives extra help."),
    "RSA": N_("RSA: a monthly basic income paid to people with very low resources."),
    "prescripteur": N_("Referral: a counsellor (France Travail, mission locale, social worker) who sends you to the programme."),
    "CAE": N_("CAE: a cooperative where you test your own business while being paid as an employee."),
    "Scop": N_("Scop or Scic: a company owned and run by the people who work in it."),
    "Scic": N_("Scop or Scic: a company owned and run by the people who work in it."),
}


def explain(term: str, lang: str) -> str:
    """The plain explanation of a jargon word (QPV, RSA, CAE…) in `lang`."""
    return gettext_for(lang)(JARGON[term])


def gettext_for(lang: str):
    return translator(lang).gettext


def label(member: Enum, lang: str) -> str:
    """The translated label of a vocabulary code."""
    return gettext_for(lang)(LABELS[member][0])


def icon(member: Enum) -> str:
    return LABELS[member][1]


def localized(text: dict[str, str] | None, lang: str) -> tuple[str, bool]:
    """A catalogue text in `lang`, else the French one; the flag says it fell back to French."""
    if not text:
        return "", False
    if lang in text:
        return text[lang], False
    return text["fr"], lang != "fr"


def format_day(value: date | str, lang: str) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return long_date(day, lang)


def ages(low: int | None, high: int | None, lang: str) -> str:
    """An age range in `lang`; the word for "years" agrees with the last number, by the language's plural rules
    ("от 18 до 21 года", "от 16 до 25 лет")."""
    ngettext = translator(lang).ngettext
    if low is not None and high is not None:
        return ngettext("ages {low} to {high}", "ages {low} to {high}", high).format(low=low, high=high)
    if low is not None:
        return ngettext("age {low} and over", "age {low} and over", low).format(low=low)
    return ngettext("age {high} and under", "age {high} and under", high).format(high=high)


def years_old(age: int, lang: str) -> str:
    """A person's age in `lang`, the noun agreeing with the number ("21 год", "22 года", "25 лет")."""
    return translator(lang).ngettext("{n} year old", "{n} years old", age).format(n=age)


def _audiences(values: list[str], lang: str) -> str:
    _ = gettext_for(lang)
    return word_list([_(AUDIENCES[Status(v)]) for v in values], lang)


def _codes(values: list[str], vocabulary: type[Enum], lang: str) -> str:
    return word_list([label(vocabulary(v), lang) for v in values], lang)


def reason_params(reason: Reason, lang: str) -> dict[str, str]:
    """Placeholders rendered for display: codes as labels, dates by Babel, texts in `lang`."""
    p = dict(reason.params)
    shown: dict[str, str] = {k: str(v) for k, v in p.items() if v is not None}
    if "age_min" in p or "age_max" in p:
        shown["ages"] = ages(p.get("age_min"), p.get("age_max"), lang)
    if isinstance(p.get("age"), int):
        shown["age"] = years_old(p["age"], lang)
    if "projects" in p:
        shown["projects"] = _codes(p["projects"], Project, lang)
    if "statuses" in p:
        shown["statuses"] = _audiences(p["statuses"], lang)
    if "level" in p:
        shown["level"] = gettext_for(lang)(REQUIREMENTS[FrenchLevel(p["level"])])
    for key in ("ends_on", "last_checked", "starts_on"):
        if p.get(key):
            shown[key] = format_day(p[key], lang)
    for key in ("text", "period", "note"):
        if isinstance(p.get(key), dict):
            shown[key] = localized(p[key], lang)[0]
    return shown


def describe_reason(reason: Reason, lang: str, zone: str | None = None) -> str:
    """One reason as a sentence in `lang` (`zone`: the programme's zone name), with what would unlock a near miss."""
    _ = gettext_for(lang)
    params = reason_params(reason, lang) | ({"zone": zone} if zone else {})
    text = _(REASONS[reason.code]).format_map(_Missing(params))
    if reason.unlock:
        text += " " + _(REASONS[reason.unlock])
    return text


class _Missing(dict):
    """Leaves an unknown placeholder visible rather than raising."""

    def __missing__(self, key: str) -> str:
        return "…"
