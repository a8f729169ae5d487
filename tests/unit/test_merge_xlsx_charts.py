"""The merge's XLSX carries native Excel range charts beside their figures."""

import re
import zipfile

import openpyxl

from workshop_tui.cli.main import main
from workshop_tui.core.merge import load_exports, summarise

EXAMPLES = "exports/examples"


def merged_xlsx(tmp_path, lang):
    out = tmp_path / f"merged_{lang}.xlsx"
    assert main(["--lang", lang, "merge", EXAMPLES, "--format", "xlsx", "--out", str(out)]) == 0
    return out


def test_one_native_range_chart_per_process_and_group(tmp_path):
    out = merged_xlsx(tmp_path, "en")
    levels = summarise(load_exports([EXAMPLES])).levels
    groups = levels.groupby(["process_id", "group_id"]).ngroups
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == groups
        xml = archive.read(charts[0]).decode()
    # horizontal stacked bars whose first segment is unfilled: a floating low-high range
    assert re.search(r'barDir val="bar"\s*/>', xml) and re.search(r'grouping val="stacked"', xml)
    assert "<a:noFill" in xml and "'charts'!$B$" in xml
    # the bars are labelled by the level names (text), not by numbers
    assert re.search(r"<(c:)?strRef><(c:)?f>'charts'!\$A\$3:\$A\$", xml)


def test_the_chart_sets_the_workshop_midpoints_beside_the_published_spread(tmp_path):
    """Like with like: the published low-high is the spread between municipalities, so
    the bar beside it is the spread of the workshops' midpoints, not the rooms' range."""
    out = merged_xlsx(tmp_path, "en")
    first = summarise(load_exports([EXAMPLES])).levels.iloc[0]
    sheet = openpyxl.load_workbook(out)["charts"]
    assert sheet["A1"].value == "Job interviews · Close to the labour market"
    assert [c.value for c in sheet[2]][:4] == ["level", "low (h)", "range (h)", "kind"]
    label, low, spread, kind = (c.value for c in sheet[3][:4])
    assert label.startswith("1 ") and kind == "workshop midpoints"
    assert low == first["min_mid"]
    assert abs(spread - (first["max_mid"] - first["min_mid"])) < 1e-9
    published = [c.value for c in sheet[4]][:4]
    assert published[1:] == [
        first["ref_low"],
        first["ref_high"] - first["ref_low"],
        "published: between municipalities",
    ]


def test_danish_workbook_names_the_chart_sheet_and_labels_in_danish(tmp_path):
    out = merged_xlsx(tmp_path, "da")
    workbook = openpyxl.load_workbook(out)
    assert "Diagrammer" in workbook.sheetnames
    sheet = workbook["Diagrammer"]
    assert sheet["A1"].value == "Jobsamtaler og sagsbehandling · Tæt på arbejdsmarkedet"
    assert [c.value for c in sheet[2]][:4] == ["niveau", "lavt (t)", "spænd (t)", "art"]
    assert sheet["D3"].value == "workshopmidtpunkter"
    assert sheet["D4"].value == "offentliggjort: mellem kommuner"
