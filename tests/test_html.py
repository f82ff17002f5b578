"""Release pages: trafilatura keeps the article, drops menus, cookie banner, related list and footer."""

from __future__ import annotations

from pathlib import Path

from extract.readers import read_paths
from extract.readers.html import read_page

BODY = (
    "Ny aftale sender flere\nsoldater til Estland\n"
    "Forsvarsminister Jakob Ellemann-Jensen har i dag indgået en aftale med et bredt flertal i Folketinget om "
    "at styrke den danske tilstedeværelse i Baltikum.\n"
    "Aftalen betyder, at op til 200 soldater kan udsendes til Tapa i Estland fra januar 2024, og at der "
    "afsættes 2,5 mia. kr. til opgaven over de næste fire år.\n"
    "– Det er en vigtig dag for vores sikkerhed, siger forsvarsministeren.\n"
)


def test_page_extracts_to_its_body_title_and_date(seed_datadir: Path) -> None:
    [record] = read_paths([seed_datadir / "release_page.html"])
    assert record.error is None
    assert record.text == BODY
    assert record.title == "Ny aftale sender flere soldater til Estland"
    assert record.published == "2023-05-04"
    assert record.url == "https://www.example.dk/nyheder/2023/ny-aftale-estland/"
    for chrome in ("cookies", "Forside", "Relaterede", "Letland", "Holmens Kanal", "Privatlivspolitik", "DTD"):
        assert chrome not in record.text


def test_sidecar_metadata_wins_over_the_page(seed_datadir: Path, tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text((seed_datadir / "release_page.html").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "p.meta.json").write_text('{"id": "fmn-1", "published": "2023-05-05"}', encoding="utf-8")
    [record] = read_paths([page])
    assert (record.id, record.published, record.title) == (
        "fmn-1",
        "2023-05-05",
        "Ny aftale sender flere soldater til Estland",
    )


def test_unclosed_template_and_doctype_do_not_swallow_the_page() -> None:
    html = (
        '<!DOCTYPE html SYSTEM "about:legacy-compat"><html><head><title>T</title></head><body>'
        "<article><p>Regionsrådet har i dag vedtaget budgettet for 2025 med et flertal af partierne.</p>"
        "<p>Budgettet giver 40 mio. kr. mere til psykiatrien i hele regionen.</p></article><template><p>skjult"
    )
    page = read_page(html)
    assert "Regionsrådet har i dag vedtaget budgettet" in page.text
    assert "40 mio. kr." in page.text
    assert "DOCTYPE" not in page.text and "legacy" not in page.text


def test_a_page_without_main_text_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text(
        "<html><head><script>var x = 1;</script></head><body> </body></html>", encoding="utf-8"
    )
    [record] = read_paths([tmp_path])
    assert record.error is not None and "no main text found" in record.error
