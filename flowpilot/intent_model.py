"""The trained half of intent detection: spaCy text classifiers (from spacy.blank("en"), bags of lowercased
words, bigrams and trigrams) that say whether a chat line asks FlowPilot for an update, and which audience,
length and context it names. Trained by `python -m flowpilot train-intents` on tests/data/intents/train_*.jsonl,
the spent held-out sets and the older labelled lines; the small trained pipeline ships in
flowpilot/data/intent_model."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.ml.models.textcat import build_bow_text_classifier_v3
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Model
from thinc.types import Floats2d

from .vocabulary import AUDIENCES, CONTEXTS, LENGTHS

MODEL_DIR = "data/intent_model"
REQUEST = "request"
# Each slot's classifier: its values, plus NONE when the line does not state one.
SLOTS: dict[str, tuple[str, ...]] = {
    "audience": tuple(AUDIENCES),
    "length": tuple(LENGTHS),
    "context": tuple(CONTEXTS),
}
NONE = "none"
# Hashed features: 2^16 rows per classifier keeps the shipped pipeline small and collisions rare for chat.
MODEL: dict[str, Any] = {
    "@architectures": "flowpilot.TextCatBOWLower.v1",
    "exclusive_classes": True,
    "ngram_size": 3,
    "no_output_layer": False,
    "length": 65536,
}


@spacy.registry.architectures("flowpilot.TextCatBOWLower.v1")
def bow_lower(
    exclusive_classes: bool, ngram_size: int, no_output_layer: bool, length: int = 262144, nO: Optional[int] = None
) -> Model[list[Doc], Floats2d]:
    """spaCy's bag of words and n-grams, on lowercased words: "Write" opening a line is the "write" inside one
    (the stock model keys on the exact spelling, so each capitalised variant had to be learnt on its own)."""
    model = build_bow_text_classifier_v3(exclusive_classes, ngram_size, no_output_layer, length, nO)
    for node in model.walk():
        if node.name == "extract_ngrams":
            node.attrs["attr"] = LOWER
    return model


def label(slot: str, value: Optional[str]) -> str:
    """The classifier label for a slot value ('audience:client_update', 'audience:none')."""
    return f"{slot}:{value or NONE}"


def labels(name: str) -> list[str]:
    """One classifier's labels: request:yes/no, or a slot's values and none."""
    values = ("yes", "no") if name == REQUEST else (*SLOTS[name], None)
    return [label(name, v) for v in values]


def blank() -> Language:
    """The untrained pipeline: the tokenizer, a request classifier and one classifier per slot."""
    nlp = spacy.blank("en")
    for name in (REQUEST, *SLOTS):
        component = nlp.add_pipe("textcat", name=name, config={"model": MODEL, "threshold": 0.5})
        for each in labels(name):
            component.add_label(each)  # type: ignore[attr-defined]
    return nlp


def _request_cats(row: dict[str, Any]) -> dict[str, float]:
    yes = row.get("intent") == "status_update"
    return {label(REQUEST, "yes"): float(yes), label(REQUEST, "no"): float(not yes)}


def _slot_cats(row: dict[str, Any], slot: str) -> dict[str, float]:
    return {label(slot, v): float(row.get(slot) == v) for v in (*SLOTS[slot], None)}


def train(rows: list[dict[str, Any]], epochs: int = 12, seed: int = 7) -> Language:
    """Classifiers trained on these labelled lines; the same lines and seed give the same model. The request
    classifier learns from every line, each slot classifier from the requests only (one label each: spaCy's
    exclusive classifiers check that every example they see has exactly one)."""
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = blank()
    every = [Example.from_dict(nlp.make_doc(r["text"]), {"cats": _request_cats(r)}) for r in rows]
    asked = [r for r in rows if r.get("intent") == "status_update"]
    per_slot = {
        slot: [Example.from_dict(nlp.make_doc(r["text"]), {"cats": _slot_cats(r, slot)}) for r in asked]
        for slot in SLOTS
    }
    # Each classifier starts with its own labels, not ones inferred from the examples (which carry only the
    # request's); otherwise every slot classifier would also write request:yes and overwrite the real one.
    nlp.config["initialize"]["components"] = {name: {"labels": labels(name)} for name in (REQUEST, *SLOTS)}
    optimizer = nlp.initialize(lambda: every)
    names = [REQUEST, *SLOTS]
    for _ in range(epochs):
        for name, examples in ((REQUEST, every), *per_slot.items()):
            random.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=16):
                nlp.update(batch, sgd=optimizer, drop=0.2, exclude=[n for n in names if n != name])
    return nlp


# The held-out set not yet scored stays out of training until its figure is reported; the older held-out sets
# are spent (each scored once) and now train the model, each written by a different helper.
FRESH_HELDOUT = ("heldout_v12.jsonl",)


def training_files(data: Path) -> list[Path]:
    """The labelled lines a model is trained on: the training sets, the spent held-out sets and the older dev
    and held-out sets; never a fresh held-out set (FRESH_HELDOUT)."""
    older = [data.parent / "intents.jsonl", data.parent / "intents_heldout.jsonl"]
    spent = [p for p in sorted(data.glob("heldout_v*.jsonl")) if p.name not in FRESH_HELDOUT]
    return sorted(data.glob("train_*.jsonl")) + spent + [p for p in older if p.exists()]


def training_rows(data: Path) -> list[dict[str, Any]]:
    """The training lines, less any line that also sits in a fresh held-out set (different writers do write the
    same short line, "hi"): a held-out figure must not score lines the model was trained on."""
    held = {row["text"].lower() for row in load_rows(data / name for name in FRESH_HELDOUT if (data / name).exists())}
    return [row for row in load_rows(training_files(data)) if row["text"].lower() not in held]


def load_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Labelled lines from JSONL files."""
    return [json.loads(line) for path in paths for line in path.read_text().splitlines() if line.strip()]


def save(nlp: Language, target: Path) -> None:
    """Write the pipeline where `shipped()` finds it."""
    nlp.to_disk(target)


@lru_cache(maxsize=1)
def shipped() -> Optional[Language]:
    """The trained pipeline that ships in the package, or None before one has been trained."""
    path = Path(str(resources.files("flowpilot").joinpath(MODEL_DIR)))
    return spacy.load(path) if (path / "meta.json").exists() else None


def asks(nlp: Language, doc: Doc) -> float:
    """How sure the request classifier is that this line asks for an update (0–1). Runs only that classifier."""
    return float(nlp.get_pipe(REQUEST)(doc).cats.get(label(REQUEST, "yes"), 0.0))


def read_slot(nlp: Language, doc: Doc, slot: str) -> tuple[Optional[str], float]:
    """The slot's most likely value (None: not stated) and how sure its classifier is. Runs only that one."""
    cats = nlp.get_pipe(slot)(doc).cats
    best, score = max(((v, cats.get(label(slot, v), 0.0)) for v in (*SLOTS[slot], None)), key=lambda vs: vs[1])
    return best, float(score)


def read(nlp: Language, text: str) -> tuple[float, dict[str, tuple[Optional[str], float]]]:
    """(how sure the line asks for an update, {slot: (value or None, how sure)})."""
    doc = nlp.make_doc(text)
    return asks(nlp, doc), {slot: read_slot(nlp, doc, slot) for slot in SLOTS}
