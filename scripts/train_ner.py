"""Train our Danish NER model (extract/models/da_ner) on UNER Danish-DDT.

    nice -n 10 python scripts/train_ner.py                       # train on train, pick the epoch on dev
    nice -n 10 python scripts/train_ner.py --final --epochs 14   # the shipped model: train+dev, fixed epochs

Reads ../shared/data/ner/UNER_Danish-DDT (or --data), runs our rule components over every sentence to give
each token its feature string (src/extract/ner_features.py), trains the ner of scripts/ner/config.cfg with
our tokenizer, evaluates on the test split and writes the model, with the scores in its meta.json, to --out.
The data sets are never copied into the repository; the model is CC BY-SA 4.0 (see models/README.md).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import warnings
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_config, minibatch
from thinc.api import Optimizer

import extract
from extract.components.model_ner import COMMON_WORDS
from extract.ner_corpus import Sentence, read_iob2
from extract.ner_features import token_features

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner"
DEFAULT_CONFIG = ROOT / "scripts" / "ner" / "config.cfg"
DEFAULT_OUT = ROOT / "src" / "extract" / "models" / "da_ner"
UNER = "UNER_Danish-DDT/da_ddt-ud-{}.iob2"
RULE_COMPONENTS = ["gazetteer", "ministers", "entities"]


def featurised_examples(sentences: list[Sentence], rules: Language, vocab_nlp: Language) -> list[Example]:
    """Our tokens, with the rules' feature strings as tags, aligned to the gold character spans."""
    examples = []
    warnings.filterwarnings("ignore", message=r"\[W030\]")  # counted below instead
    for sent, rdoc in zip(sentences, rules.pipe(s.text for s in sentences), strict=True):
        doc = Doc(
            vocab_nlp.vocab,
            words=[t.text for t in rdoc],
            spaces=[bool(t.whitespace_) for t in rdoc],
            tags=token_features(rdoc),
        )
        examples.append(Example.from_dict(doc, {"entities": [list(e) for e in sent.entities]}))
    return examples


def write_common_words(sentences: list[Sentence], rules: Language, out: Path) -> int:
    """Words the training text has in lower case and never inside an entity, for extract/combine's rule 0."""
    lower: set[str] = set()
    in_entity: set[str] = set()
    for sent, doc in zip(sentences, rules.tokenizer.pipe(s.text for s in sentences), strict=True):
        for tok in doc:
            if tok.is_alpha and tok.text.islower() and len(tok.text) >= 3:
                lower.add(tok.text)
        for start, end, _ in sent.entities:
            in_entity.update(w.lower() for w in sent.text[start:end].split())
    words = sorted(lower - in_entity)
    header = "# lower-case words of the UNER Danish-DDT training text outside entities (scripts/train_ner.py)\n"
    (out / COMMON_WORDS).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def score(nlp: Language, examples: list[Example]) -> dict[str, object]:
    ner = nlp.get_pipe("ner")
    predicted = ner.pipe((eg.predicted.copy() for eg in examples), batch_size=256)
    prf = get_ner_prf([Example(p, eg.reference) for p, eg in zip(predicted, examples, strict=True)])
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in prf.items()}


def train(
    nlp: Language,
    optimizer: Optimizer,
    train_set: list[Example],
    dev_set: list[Example] | None,
    settings: dict[str, object],
    epochs: int,
    out: Path,
) -> dict[str, object]:
    """Epochs of minibatch updates; with a dev set, keep the best epoch (averaged weights) and stop early."""
    rng = random.Random(int(settings["seed"]))  # type: ignore[call-overload]
    best: tuple[float, int] = (-1.0, 0)
    started = time.monotonic()
    log = []
    for epoch in range(1, epochs + 1):
        rng.shuffle(train_set)
        losses: dict[str, float] = {}
        sizes = compounding(float(settings["batch_start"]), float(settings["batch_stop"]), 1.001)  # type: ignore[arg-type]
        for batch in minibatch(train_set, size=sizes):
            nlp.update(batch, drop=float(settings["dropout"]), sgd=optimizer, losses=losses)  # type: ignore[arg-type]
        minutes = (time.monotonic() - started) / 60
        entry: dict[str, object] = {
            "epoch": epoch,
            "loss": round(float(losses.get("ner", 0.0)), 1),
            "minutes": round(minutes, 2),
        }
        with nlp.use_params(optimizer.averages):
            if dev_set is not None:
                f = float(score(nlp, dev_set)["ents_f"])  # type: ignore[arg-type]
                entry["dev_f"] = round(f, 4)
                if f > best[0]:
                    best = (f, epoch)
                    nlp.to_disk(out)
            else:
                nlp.to_disk(out)
        log.append(entry)
        print(json.dumps(entry), flush=True)
        if dev_set is not None and epoch - best[1] >= int(settings["patience"]):  # type: ignore[call-overload]
            break
        if minutes > float(settings["max_minutes"]):  # type: ignore[arg-type]
            print("time limit reached", flush=True)
            break
    return {
        "epochs_run": len(log),
        "best_epoch": best[1] or len(log),
        "log": log,
        "minutes": round((time.monotonic() - started) / 60, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--final", action="store_true", help="train on train+dev for --epochs, no early stopping")
    parser.add_argument("--epochs", type=int, help="number of epochs (default: the config's max_epochs)")
    parser.add_argument("--no-features", action="store_true", help="leave the rules' features out (ablation)")
    parser.add_argument("--common-words-only", action="store_true", help="only (re)write --out/common_words.txt")
    parser.add_argument("--score-only", action="store_true", help="only score the model in --out and write its meta")
    args = parser.parse_args(argv)

    config = load_config(args.config)
    settings = dict(config["training"])
    fix_random_seed(int(settings["seed"]))
    splits = {name: list(read_iob2(args.data / UNER.format(name))) for name in ("train", "dev", "test")}
    print({k: len(v) for k, v in splits.items()}, flush=True)

    nlp = spacy.blank("da")
    ner_config = {k: v for k, v in config["components"]["ner"].items() if k != "factory"}
    nlp.add_pipe("ner", config=ner_config)
    rules = extract.load(ner=False)
    rules.select_pipes(enable=RULE_COMPONENTS)
    nlp.tokenizer = rules.tokenizer
    args.out.mkdir(parents=True, exist_ok=True)
    train_sentences = splits["train"] + (splits["dev"] if args.final else [])
    print(f"{write_common_words(train_sentences, rules, args.out)} common words", flush=True)
    if args.common_words_only:
        return 0
    t0 = time.monotonic()
    data = {name: featurised_examples(sents, rules, nlp) for name, sents in splits.items()}
    if args.no_features:
        for examples in data.values():
            for eg in examples:
                for tok in eg.predicted:
                    tok.tag_ = "O"
    misaligned = sum(eg.get_aligned_ner().count(None) for eg in data["train"])
    print(f"featurised in {time.monotonic() - t0:.1f}s; {misaligned} train tokens without an aligned tag", flush=True)

    train_set = data["train"] + (data["dev"] if args.final else [])
    dev_set = None if args.final else data["dev"]
    if args.score_only:
        run: dict[str, object] = {"epochs_run": args.epochs, "note": "scored after training (--score-only)"}
    else:
        optimizer = spacy.util.registry.resolve({"o": settings.pop("optimizer")})["o"]
        nlp.initialize(lambda: train_set, sgd=optimizer)
        epochs = args.epochs or int(settings["max_epochs"])
        run = train(nlp, optimizer, train_set, dev_set, settings, epochs, args.out)
    test = write_meta(args, run, len(train_set), data["test"])
    print(json.dumps({"test": {k: test[k] for k in ("ents_p", "ents_r", "ents_f")}, "per_type": test["ents_per_type"]}))
    return 0


def write_meta(args: argparse.Namespace, run: dict[str, object], n_train: int, test_set: list[Example]) -> dict:
    """Score the model in --out on the test split and record data, scores and speed in its meta.json."""
    best = spacy.load(args.out)
    n_words = sum(len(eg.predicted) for eg in test_set)
    t0 = time.monotonic()
    test = score(best, test_set)
    seconds = time.monotonic() - t0
    best.meta.update(
        {
            "name": "da_ner",
            "version": extract.__version__,
            "description": "pressextract's Danish NER (PER, LOC, ORG): CNN tok2vec + ner over our rules' features",
            "license": "CC BY-SA 4.0",
            "sources": [
                "UNER Danish-DDT (UniversalNER, CC BY-SA 4.0)",
                "DaN+ (Plank et al. 2020)",
                "Danish Dependency Treebank (CC BY-SA 4.0)",
            ],
            "performance": {"test": test},
            "training": {
                "train_sentences": n_train,
                "final": args.final,
                "features": not args.no_features,
                "test_words_per_second": round(n_words / seconds),
                **run,
            },
        }
    )
    best.to_disk(args.out)
    return test


if __name__ == "__main__":
    sys.exit(main())
