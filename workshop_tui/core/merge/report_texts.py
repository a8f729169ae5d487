"""The merged report's texts, in English and Danish (registered on import)."""

from __future__ import annotations

from workshop_tui.core import i18n

i18n.register(
    {
        "merge.title": {
            "en": "{n} workshops merged from {files} files",
            "da": "{n} workshops samlet fra {files} filer",
        },
        "merge.overview": {
            "en": "Hours per process and target group (as the source's table 2.1)",
            "da": "Timeforbrug pr. nøgleproces og målgruppe (som kildens tabel 2.1)",
        },
        "merge.process_title": {"en": "{name}: {n} workshops", "da": "{name}: {n} workshops"},
        "merge.col.n": {"en": "n", "da": "n"},
        "merge.col.range": {"en": "Low–high", "da": "Lavt–højt"},
        "merge.col.mean": {"en": "Mean", "da": "Gns."},
        "merge.col.median": {"en": "Median", "da": "Median"},
        "merge.col.mids": {"en": "Midpoints min–max", "da": "Midtpunkter min–maks"},
        "merge.col.position": {"en": "Below/ within/ above", "da": "Under/ inden for/ over"},
        "merge.col.share_mean": {"en": "Share of mean total", "da": "Andel af gns. samlet"},
        "merge.col.share_spread": {"en": "Share of spread", "da": "Andel af spredning"},
        "merge.col.rank": {"en": "#", "da": "#"},
        "merge.col.time_consuming": {"en": "Time-consuming", "da": "Tidskrævende"},
        "merge.col.not_applicable": {"en": "Not applicable", "da": "Ikke relevant"},
        "merge.col.level": {"en": "Level", "da": "Niveau"},
        "merge.col.sub": {"en": "Subpr.", "da": "Delpr."},
        "merge.drivers_sub": {
            "en": "{name}: what carries the hours and the spread, per subprocess",
            "da": "{name}: hvad bærer timerne og spredningen, pr. delproces",
        },
        "merge.drivers_act": {
            "en": "{name}: the {top} activities that explain most of the spread between workshops",
            "da": "{name}: de {top} aktiviteter der forklarer mest af spredningen mellem workshops",
        },
        "merge.local": {
            "en": "{name}: activities the rooms added",
            "da": "{name}: aktiviteter tilføjet i lokalerne",
        },
        "merge.local_item": {
            "en": "{sub} {subname}: {activity} ({n} of {total} workshops: {where})",
            "da": "{sub} {subname}: {activity} ({n} af {total} workshops: {where})",
        },
        "merge.notes": {
            "en": "{name}: cost-driver notes from the rooms",
            "da": "{name}: noter om omkostningsdrivere fra lokalerne",
        },
        "merge.spread_caption": {
            "en": "Share of spread = the part's covariance with the total over the workshops / the "
            "variance of the total; the parts add up to 100 %.",
            "da": "Andel af spredning = delens kovarians med det samlede tal hen over workshops / "
            "variansen af det samlede tal; delene summerer til 100 %.",
        },
        "merge.ref_caption": {
            "en": "Below / within / above: workshops whose midpoint lies below, within or "
            "above the national reference range. {unit}.",
            "da": "Under / inden for / over: workshops hvis midtpunkt ligger under, inden for "
            "eller over landsreferencens interval. {unit}.",
        },
        "merge.none": {"en": "No workshops to merge.", "da": "Ingen workshops at samle."},
        "merge.activity_caption": {
            "en": "* added in the room. Time-consuming and not applicable: workshops that marked "
            "it / workshops. Every activity: --format xlsx or json.",
            "da": "* tilføjet i lokalet. Tidskrævende og ikke relevant: workshops der markerede "
            "den / workshops. Alle aktiviteter: --format xlsx eller json.",
        },
    }
)
