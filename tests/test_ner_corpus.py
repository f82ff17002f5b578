"""The UNER IOB2 reader: sentences become texts with character-offset entities."""

from __future__ import annotations

from pathlib import Path

from extract.ner_corpus import Sentence, read_iob2

IOB2 = """# sent_id = t-0
# text = Lise Bech besøgte Roskilde Kommune i går.
1\tLise\tB-PER\tB-PER#O\ts
2\tBech\tI-PER\tI-PER#O\ts
3\tbesøgte\tO\tO#O\ts
4\tRoskilde\tB-ORG\tB-ORG#B-LOC\ts
5\tKommune\tI-ORG\tI-ORG#O\ts
6\ti\tO\tO#O\ts
7\tgår\tO\tO#O\ts
8\t.\tO\tO#O\ts

# sent_id = t-1
# text = Fra Kolding til Vejle.
1\tFra\tO\tO#O\ts
2\tKolding\tI-LOC\tI-LOC#O\ts
3\ttil\tO\tO#O\ts
4\tVejle\tB-LOC\tB-LOC#O\ts
5\t.\tO\tO#O\ts
"""


def test_sentences_with_character_spans(tmp_path: Path) -> None:
    path = tmp_path / "x.iob2"
    path.write_text(IOB2, encoding="utf-8")
    assert list(read_iob2(path)) == [
        Sentence("t-0", "Lise Bech besøgte Roskilde Kommune i går.", ((0, 9, "PER"), (18, 34, "ORG"))),
        # an I- tag without its B- opens an entity, as conlleval reads it
        Sentence("t-1", "Fra Kolding til Vejle.", ((4, 11, "LOC"), (16, 21, "LOC"))),
    ]
