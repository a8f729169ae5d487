"""The report page's texts in Danish and English."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "report.title_own": {
        "en": "Benchlearning report: {who}",
        "da": "Benchlearning-rapport: {who}",
    },
    "report.title_national": {
        "en": "Benchlearning report: the national picture",
        "da": "Benchlearning-rapport: landsbilledet",
    },
    "report.lead": {
        "en": "{n} workshops from {m} municipalities. All hours are {unit}.",
        "da": "{n} workshops fra {m} kommuner. Alle timer er {unit}.",
    },
    "report.where": {"en": "Where it stands", "da": "Hvor står vi"},
    "report.col.national": {"en": "Mean of workshops, h", "da": "Gns. af workshops, t"},
    "report.col.published": {"en": "Published range, h", "da": "Offentliggjort interval, t"},
    "report.col.position": {"en": "Vs. published", "da": "Ift. offentliggjort"},
    "report.col.dkk_case": {"en": "DKK per case", "da": "Kr. pr. sag"},
    "report.position.below": {"en": "below", "da": "under"},
    "report.position.within": {"en": "within", "da": "inden for"},
    "report.position.above": {"en": "above", "da": "over"},
    "report.rank": {"en": "{rank} of {n}", "da": "{rank} af {n}"},
    "report.col.rank": {"en": "Rank", "da": "Placering"},
    "report.col.own_total": {"en": "Own, h", "da": "Egen, t"},
    "report.summary_caption": {
        "en": "Totals per citizen. Rank: among the workshops in this merge, 1 = fewest hours. "
        "'Below' uses fewer hours than the published national range; "
        "fewer hours is not better by itself: it is where to ask how, and what the citizen gets.",
        "da": "Samlede timer pr. borger. Placering: blandt workshoppene i denne samling, 1 = "
        "færrest timer. 'Under' bruger færre timer end det offentliggjorte "
        "landsinterval; færre timer er ikke i sig selv bedre: det er der, man spørger hvordan, "
        "og hvad borgeren får.",
    },
    "report.chart_label": {
        "en": "Range chart for {title}",
        "da": "Intervaldiagram for {title}",
    },
    "report.col.range": {"en": "Workshops low–high", "da": "Workshops lav–høj"},
    "report.col.mean": {"en": "Mean mid", "da": "Gns. midt"},
    "report.col.own_range": {"en": "Own low–high", "da": "Egen lav–høj"},
    "report.col.own_mid": {"en": "Own mid", "da": "Egen midt"},
    "report.col.dkk_mean": {"en": "DKK per case (mean)", "da": "Kr. pr. sag (gns.)"},
    "report.col.own_dkk": {"en": "Own DKK per case", "da": "Egne kr. pr. sag"},
    "report.col.low_high": {"en": "Low–high", "da": "Lav–høj"},
    "report.interval": {
        "en": "Bootstrap 90 % interval for the mean total: {low}–{high} hours, "
        "DKK {dkk_low}–{dkk_high} per case.",
        "da": "Bootstrap 90 %-interval for det gennemsnitlige samlede tal: {low}–{high} timer, "
        "{dkk_low}–{dkk_high} kr. pr. sag.",
    },
    "report.untrusted": {
        "en": "Only {n} workshop(s): too wide to trust.",
        "da": "Kun {n} workshop(s): for bredt til at stole på.",
    },
    "report.cost_heading": {
        "en": "What a case and a year cost",
        "da": "Hvad en sag og et år koster",
    },
    "report.case_national": {
        "en": "A case costs DKK {dkk} at the workshops' mean.",
        "da": "En sag koster {dkk} kr. ved workshoppenes gennemsnit.",
    },
    "report.case_own": {
        "en": "At {who}'s own estimate: DKK {dkk}.",
        "da": "Ved {who}s eget skøn: {dkk} kr.",
    },
    "report.year_national": {
        "en": "Nationally, {cases} cases a year: DKK {dkk} million and {fte} FTE.",
        "da": "På landsplan {cases} sager om året: {dkk} mio. kr. og {fte} årsværk.",
    },
    "report.no_volume": {
        "en": "No yearly volume in the costing file: no yearly figure.",
        "da": "Intet årligt volumen i omkostningsfilen: intet årstal.",
    },
    "report.year_own": {
        "en": "{who}'s own volume: DKK {dkk} million a year.",
        "da": "{who}s eget volumen: {dkk} mio. kr. om året.",
    },
    "report.drivers_own": {
        "en": "Largest cost drivers: where the workshop lies furthest above the mean",
        "da": "Største omkostningsdrivere: hvor workshoppen ligger mest over gennemsnittet",
    },
    "report.drivers_national": {
        "en": "What explains most of the spread between workshops",
        "da": "Hvad forklarer mest af spredningen mellem workshops",
    },
    "report.no_drivers": {
        "en": "At or below the workshops' mean on every subprocess.",
        "da": "På eller under workshoppenes gennemsnit i alle delprocesser.",
    },
    "report.driver_hours": {
        "en": "{own} h against a mean of {national} h",
        "da": "{own} t mod et gennemsnit på {national} t",
    },
    "report.known_drivers": {"en": "Known cost drivers", "da": "Kendte omkostningsdrivere"},
    "report.spread_heading": {
        "en": "Within the workshop: P10, P50 and P90 of the total",
        "da": "Inden for workshoppen: P10, P50 og P90 af det samlede tal",
    },
    "report.spread_caption": {
        "en": "Each activity drawn {distribution} within its own low–high, independently of the "
        "others. It shows how the room's ranges add up, not how sure the room was.",
        "da": "Hver aktivitet trukket {distribution} inden for sit eget lav–høj, uafhængigt af de "
        "andre. Det viser, hvordan lokalets intervaller lægges sammen, ikke hvor sikkert lokalet "
        "var.",
    },
    "report.distribution.uniform": {"en": "uniformly", "da": "ligefordelt"},
    "report.distribution.triangular": {
        "en": "triangularly (peaked at the midpoint)",
        "da": "trekantfordelt (top i midtpunktet)",
    },
    "report.method": {"en": "Method and provenance", "da": "Metode og kilder"},
    "report.method_hours": {
        "en": "Hours are each workshop's own sums (estimate x staff x share of cases), computed "
        "by the same engine as the app and `merge`; a level's low and high are the lowest and "
        "highest workshop, never sums of ranges. Kroner: each activity's hours x its role's "
        "hourly cost (a year's salary plus overhead over productive hours).",
        "da": "Timer er hver workshops egne summer (skøn x medarbejdere x andel af sager), "
        "beregnet af samme motor som appen og `merge`; et niveaus lav og høj er den laveste og "
        "højeste workshop, aldrig summer af intervaller. Kroner: hver aktivitets timer x rollens "
        "timepris (en årsløn plus overhead over de produktive timer).",
    },
    "report.published_heading": {
        "en": "Published figures (the national reference)",
        "da": "Offentliggjorte tal (landsreferencen)",
    },
    "report.reference_from": {"en": "{source}, {table}.", "da": "{source}, {table}."},
    "report.inferred": {
        "en": "{n} subprocess(es)/activities in the definition are inferred, not from the source.",
        "da": "{n} delprocesser/aktiviteter i definitionen er udledt, ikke fra kilden.",
    },
    "report.costing_heading": {
        "en": "Costing figures ({path})",
        "da": "Omkostningstal ({path})",
    },
    "report.fig.overhead": {"en": "Overhead", "da": "Overhead"},
    "report.fig.fte_hours": {
        "en": "Productive hours in one FTE",
        "da": "Produktive timer i et årsværk",
    },
    "report.fig.salary_value": {
        "en": "DKK {salary} a month, DKK {rate} an hour",
        "da": "{salary} kr. om måneden, {rate} kr. i timen",
    },
    "report.fig.volume": {
        "en": "Cases a year, {process}/{group}",
        "da": "Sager om året, {process}/{group}",
    },
    "report.intervals_heading": {
        "en": "What the intervals mean",
        "da": "Hvad intervallerne betyder",
    },
    "report.method_bootstrap": {
        "en": "Bootstrap 90 % interval (seed {seed}): how far the mean of the workshops' "
        "midpoints would move with another set of similar workshops. It is not the range of "
        "municipalities (that is low–high), and with fewer than {min} workshops it is too wide "
        "to trust.",
        "da": "Bootstrap 90 %-interval (seed {seed}): hvor meget gennemsnittet af workshoppenes "
        "midtpunkter ville flytte sig med et andet sæt lignende workshops. Det er ikke "
        "kommunernes spænd (det er lav–høj), og med færre end {min} workshops er det for bredt "
        "til at stole på.",
    },
    "report.method_sampling": {
        "en": "P10/P50/P90: each activity drawn {distribution} within its range, independently. "
        "A room that erred on every activity at once is not in it.",
        "da": "P10/P50/P90: hver aktivitet trukket {distribution} inden for sit interval, "
        "uafhængigt. Et lokale der tog fejl på alle aktiviteter på én gang er ikke med.",
    },
    "report.method_n": {
        "en": "n in every table is the number of workshops behind that level.",
        "da": "n i hver tabel er antallet af workshops bag niveauet.",
    },
}

DISTRIBUTIONS = {
    "uniform": "report.distribution.uniform",
    "triangular": "report.distribution.triangular",
}
"""How the sampling spreads between low and high, by the distribution's name."""
