"""The public API's tables: one declaration of columns, typed DataFrames, and the package doctest."""

from __future__ import annotations

import doctest

import extract
from extract.tables import PANDAS_DTYPES, SCHEMA


def test_package_doctest() -> None:
    result = doctest.testmod(extract)
    assert result.attempted >= 2 and result.failed == 0


def test_tables_follow_the_declaration(nlp) -> None:
    tables = extract.extract(
        [
            {
                "id": "r1",
                "text": "Forsvarsminister Troels Lund Poulsen afsætter i dag 2,5 mia. kr. til 40 soldater.",
                "published": "2024-05-02",
            }
        ],
        nlp=nlp,
    )
    assert list(tables.to_dict()) == ["documents", "entities", "ministers", "quantities", "amounts", "dates", "runs"]
    for name, df in tables:
        spec = SCHEMA[name]
        assert list(df.columns) == spec.column_names, name
        assert [str(t) for t in df.dtypes] == [PANDAS_DTYPES[c.type] for c in spec.columns], name
    assert tables.amounts[["text", "value", "currency"]].values.tolist() == [["2,5 mia. kr.", 2.5e9, "DKK"]]
    assert tables.quantities[["text", "value", "unit", "category"]].values.tolist() == [
        ["40 soldater", 40.0, "soldat", "personnel"]
    ]
    assert tables.dates["start"].dt.date.astype(str).tolist() == ["2024-05-02"]
