"""Who held the office: titles read into posts and fields, and linking over real changes of office."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.officeholders import Link, default_register, post_matches, title_fields, title_posts

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("title", "posts"),
    [
        ("forsvarsminister", ["forsvarsminister"]),
        ("vicestatsminister og forsvarsminister", ["vicestatsminister", "forsvarsminister"]),
        ("beskæftigelses- og ligestillingsminister", ["beskæftigelses- og ligestillingsminister"]),
        ("minister for byer og landdistrikter", ["minister for byer og landdistrikter"]),
        ("kirkeminister og minister for nordisk samarbejde", ["kirkeminister", "minister for nordisk samarbejde"]),
    ],
)
def test_title_posts(title: str, posts: list[str]) -> None:
    assert title_posts(title) == posts


@pytest.mark.parametrize(
    ("post", "fields"),
    [
        ("klima-, energi- og forsyningsminister", ("klima", "energi", "forsynings")),
        ("sundheds- og ældreminister", ("sundheds", "ældre")),
        ("minister for fødevarer, landbrug og fiskeri", ("fødevarer", "landbrug", "fiskeri")),
        ("statsminister", ("stats",)),
        ("minister", ()),
    ],
)
def test_title_fields(post: str, fields: tuple[str, ...]) -> None:
    assert title_fields(post) == fields


@pytest.mark.parametrize(
    ("written", "held", "expected"),
    [
        ("sundhedsminister", "indenrigs- og sundhedsminister", True),
        ("sundhedsminister", "minister for sundhed og forebyggelse", True),
        ("fødevareminister", "minister for fødevarer, landbrug og fiskeri", True),
        ("udviklingsminister", "minister for udviklingssamarbejde og global klimapolitik", True),
        ("klimaminister", "klima-, energi- og forsyningsminister", True),
        ("klimaminister", "minister for udviklingssamarbejde og global klimapolitik", False),
        ("statsminister", "vicestatsminister", False),
        ("udenrigsminister", "udlændinge- og integrationsminister", False),
        ("sundheds- og ældreminister", "indenrigs- og sundhedsminister", False),
        ("minister", "forsvarsminister", False),
    ],
)
def test_post_matches(written: str, held: str, expected: bool) -> None:
    assert post_matches(written, held) is expected


# (id, title written, publication date, holder linked by office or None)
OFFICE_CHANGES = [
    ("pm-before-2011", "statsminister", "2011-10-02", "Lars Løkke Rasmussen"),
    ("pm-after-2011", "statsminister", "2011-10-03", "Helle Thorning-Schmidt"),
    ("pm-before-2015", "statsminister", "2015-06-27", "Helle Thorning-Schmidt"),
    ("pm-after-2015", "statsminister", "2015-06-28", "Lars Løkke Rasmussen"),
    ("pm-after-2019", "statsminister", "2019-06-27", "Mette Frederiksen"),
    ("defence-before-2015", "forsvarsminister", "2015-06-27", "Nicolai Wammen"),
    ("defence-after-2015", "forsvarsminister", "2015-06-28", "Carl Holst"),
    ("defence-before-2016", "forsvarsminister", "2016-11-27", "Peter Christensen"),
    ("defence-after-2016", "forsvarsminister", "2016-11-28", "Claus Hjort Frederiksen"),
    ("defence-before-2019", "forsvarsminister", "2019-06-26", "Claus Hjort Frederiksen"),
    ("defence-after-2019", "forsvarsminister", "2019-06-27", "Trine Bramsen"),
    ("defence-2024", "forsvarsminister", "2024-06-11", "Troels Lund Poulsen"),
    ("defence-2005", "forsvarsminister", "2005-03-01", "Søren Gade"),
    ("foreign-before-2016", "udenrigsminister", "2016-11-27", "Kristian Jensen"),
    ("foreign-after-2016", "udenrigsminister", "2016-11-28", "Anders Samuelsen"),
    ("foreign-after-2022", "udenrigsminister", "2022-12-15", "Lars Løkke Rasmussen"),
    # the climate portfolio renamed: energi-, forsynings- og klimaminister -> klima-, energi- og forsyningsminister
    ("climate-before-2019", "klimaminister", "2019-06-26", "Lars Christian Lilleholt"),
    ("climate-after-2019", "klimaminister", "2019-06-27", "Dan Jørgensen"),
    ("climate-after-2022", "klima-, energi- og forsyningsminister", "2022-12-15", "Lars Aagaard"),
    # health: sundheds- og ældreminister, then indenrigs- og sundhedsminister
    ("health-2018", "sundhedsminister", "2018-01-10", "Ellen Trane Nørby"),
    ("health-2021", "sundhedsminister", "2021-10-07", "Magnus Heunicke"),
    ("health-2024", "sundhedsminister", "2024-03-12", "Sophie Løhde"),
    ("food-2021", "fødevareminister", "2021-06-01", "Rasmus Prehn"),
    ("food-2023", "fødevareminister", "2023-03-01", "Jacob Jensen"),
    ("cities-2024", "minister for byer og landdistrikter", "2024-02-01", "Morten Dahlin"),
    # within 60 days of a reshuffle whose day we are not sure of: nobody
    ("defence-near-uncertain-reshuffle", "forsvarsminister", "2022-02-20", None),
    ("defence-after-uncertain-reshuffle", "forsvarsminister", "2022-06-01", "Morten Bødskov"),
    ("bare-minister", "minister", "2022-06-01", None),
    ("office-we-have-no-data-for", "minister for nordisk samarbejde", "2017-01-10", None),
    ("combined-portfolio", "kirkeminister", "2017-01-10", "Mette Bock"),
    ("before-our-data", "statsminister", "1999-05-01", None),
    ("after-our-data", "statsminister", "2030-01-01", None),
]


@pytest.mark.parametrize(
    ("title", "day", "holder"), [c[1:] for c in OFFICE_CHANGES], ids=[c[0] for c in OFFICE_CHANGES]
)
def test_title_only_is_linked_by_office(title: str, day: str, holder: str | None) -> None:
    link = default_register().link(None, title, "DK", D(day))
    assert link.name == holder
    assert link.linked_by == ("office" if holder else None)
    assert link.person_id == (default_register().by_name[holder] if holder else None)
    assert link.conflict is False


def test_no_publication_date_no_office_link() -> None:
    assert default_register().link(None, "statsminister", "DK", None) == Link(None)


def test_foreign_minister_stays_unlinked() -> None:
    assert default_register().link(None, "forsvarsminister", "US", D("2024-06-11")) == Link(None)
    assert default_register().link("Lloyd Austin", "forsvarsminister", "US", D("2024-06-11")) == Link("Lloyd Austin")


# (id, name, title, date, person_id, conflict)
NAMED = [
    ("fits", "Claus Hjort Frederiksen", "forsvarsminister", "2017-06-29", "claus-hjort-frederiksen", False),
    ("fits-earlier-post", "Claus Hjort Frederiksen", "finansminister", "2016-01-05", "claus-hjort-frederiksen", False),
    (
        "same-key-other-year",
        "Troels Lund Poulsen",
        "beskæftigelsesminister",
        "2016-12-20",
        "troels-lund-poulsen",
        False,
    ),
    (
        "two-posts-fit",
        "Troels Lund Poulsen",
        "vicestatsminister og forsvarsminister",
        "2024-06-11",
        "troels-lund-poulsen",
        False,
    ),
    (
        "former-minister-as-if-current",
        "Claus Hjort Frederiksen",
        "forsvarsminister",
        "2020-01-10",
        "claus-hjort-frederiksen",
        True,
    ),
    ("acting-minister-in-2023", "Troels Lund Poulsen", "forsvarsminister", "2023-04-01", "troels-lund-poulsen", True),
    ("unknown-name-in-a-known-office", "Hans Hansen", "forsvarsminister", "2020-01-10", None, True),
    ("unknown-name-no-data-for-office", "Hans Hansen", "minister for nordisk samarbejde", "2017-01-10", None, False),
    ("near-uncertain-boundary", "Trine Bramsen", "forsvarsminister", "2022-03-01", "trine-bramsen", False),
    ("no-date", "Claus Hjort Frederiksen", "udenrigsminister", None, "claus-hjort-frederiksen", False),
]


@pytest.mark.parametrize(
    ("name", "title", "day", "person_id", "conflict"), [c[1:] for c in NAMED], ids=[c[0] for c in NAMED]
)
def test_named_minister(name: str, title: str, day: str | None, person_id: str | None, conflict: bool) -> None:
    link = default_register().link(name, title, "DK", D(day) if day else None)
    assert link == Link(name, person_id, "name" if person_id else None, conflict)
