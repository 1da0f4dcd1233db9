"""Build small but real Argos packages, hostile archives, and a loopback package index.

A package here is what Argos ships: a folder with ``metadata.json``, a CTranslate2
Transformer in ``model/`` and ``sentencepiece.model`` (or ``bpe.model``), zipped as an
``.argosmodel``. The tokenizer is trained in-process on a little text; the model is
``TransformerSpec.from_config`` with seeded random weights (every variable of the spec
is set, biases included), so building one takes a fraction of a second and no torch.
The output is gibberish, but deterministic: tests assert equivalences, not quality.

The fixtures that build these once per session live in ``tests/conftest_engine.py``;
test modules load them with ``pytest_plugins = ["tests.conftest_engine"]``.
"""

from __future__ import annotations

import collections
import http.server
import io
import itertools
import json
import shutil
import socket
import ssl
import stat
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENGLISH = [
    "Ukraine and the UK are to deepen their defence cooperation.",
    "The president said both countries would be producing drones together.",
    "Talks in Downing Street were aimed at forcing Russia to think about peace.",
    "He called for maximum political and diplomatic coordination.",
    "The weather was cold, and the streets of the city were quiet.",
    "We will translate every sentence of the article into Ukrainian.",
    "Reviewers keep their work in gettext catalogs for weeks.",
    "Placeholders such as {user_name} and %(count)d must survive translation.",
    "A short sentence.",
    "Numbers like 42, 1999 and 3.14 appear in news articles.",
]
UKRAINIAN = [
    "Україна та Велика Британія поглиблять оборонну співпрацю.",
    "Президент сказав, що обидві країни вироблятимуть дрони разом.",
    "Переговори на Даунінг-стріт мали змусити Росію думати про мир.",
    "Він закликав до максимальної політичної та дипломатичної координації.",
    "Погода була холодна, а вулиці міста були тихі.",
    "Ми перекладемо кожне речення статті українською.",
]
GERMAN = [
    "Die Ukraine und Großbritannien vertiefen ihre Zusammenarbeit.",
    "Der Präsident sagte, beide Länder würden gemeinsam Drohnen bauen.",
    "Das Wetter war kalt, und die Straßen der Stadt waren still.",
    "Wir übersetzen jeden Satz des Artikels ins Ukrainische.",
]
CORPUS = ENGLISH + UKRAINIAN + GERMAN


# -- tokenizers --------------------------------------------------------------------------


def train_sentencepiece(
    sentences: Sequence[str], *, vocab_size: int = 320, symbols: Sequence[str] = ()
) -> bytes:
    """A SentencePiece unigram model (serialized) trained on ``sentences``."""
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(list(sentences) * 4),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=list(symbols),
        minloglevel=2,
    )
    return model.getvalue()


def sentencepiece_vocabulary(model: bytes) -> list[str]:
    """The pieces of a SentencePiece model, id order (``<unk>``, ``<s>``, ``</s>`` first)."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=model)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def learn_bpe(sentences: Sequence[str], *, merges: int = 120) -> str:
    """subword-nmt style BPE codes (version 0.2) learned on Moses-tokenized words."""
    words = collections.Counter(word for text in sentences for word in _moses(text))
    vocab = {(*word[:-1], word[-1] + "</w>"): count for word, count in words.items()}
    codes = ["#version: 0.2"]
    for _ in range(merges):
        pairs: collections.Counter[tuple[str, str]] = collections.Counter()
        for symbols, count in vocab.items():
            for pair in itertools.pairwise(symbols):
                pairs[pair] += count
        if not pairs:
            break
        best = max(sorted(pairs), key=lambda pair: pairs[pair])
        codes.append(" ".join(best))
        vocab = {_merge(symbols, best): count for symbols, count in vocab.items()}
    return "\n".join(codes) + "\n"


def bpe_vocabulary(codes: str, sentences: Sequence[str]) -> list[str]:
    """Special tokens, then every BPE token the corpus segments into, then single characters."""
    from argostranslate.apply_bpe import BPE

    bpe = BPE(io.StringIO(codes))
    tokens = {tok for text in sentences for tok in bpe.segment_tokens(_moses(text))}
    chars = {c for text in sentences for c in text if not c.isspace()}
    tokens |= chars | {c + "@@" for c in chars}
    return ["<unk>", "<s>", "</s>", *sorted(tokens)]


def _moses(text: str) -> list[str]:
    from sacremoses import MosesTokenizer

    return list(MosesTokenizer("en").tokenize(text, escape=True))


def _merge(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


# -- models ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelShape:
    """Transformer hyper-parameters; the default is tiny, :data:`BASE` is transformer-base."""

    layers: int = 2
    d_model: int = 64
    ffn: int = 128
    heads: int = 4
    eos_bias: float = 2.5
    cross_gain: float = 3.0


BASE = ModelShape(layers=6, d_model=512, ffn=2048, heads=8)


def build_model(
    vocabulary: list[str],
    out_dir: Path,
    *,
    seed: int,
    shape: ModelShape = ModelShape(),
    quantization: str = "float32",
    tweak: Callable[[Any], None] | None = None,
) -> Path:
    """Save a seeded random CTranslate2 Transformer over ``vocabulary`` into ``out_dir``.

    ``tweak(spec)`` may adjust the filled weights before the model is validated.
    """
    import numpy as np
    from ctranslate2.specs import model_spec, transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(shape.layers, shape.heads)
    size = len(vocabulary)

    def fill(layer: Any, name: str, value: Any) -> None:
        attr = name.split("/")[-1]
        if value is None or (attr == "bias" and value == model_spec.OPTIONAL):
            setattr(layer, attr, _weight(rng, name, size=size, shape=shape))

    spec._visit(fill)
    if tweak is not None:
        tweak(spec)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


def _weight(rng: Any, name: str, *, size: int, shape: ModelShape) -> Any:
    import numpy as np

    parts = name.split("/")
    attr, parent, grand = parts[-1], parts[-2], parts[-3] if len(parts) > 2 else ""
    d = shape.d_model
    if attr in ("gamma", "beta"):
        return (np.ones(d) if attr == "gamma" else np.zeros(d)).astype(np.float32)
    if parent.startswith("embeddings") or parent == "projection":
        rows, cols = size, d
    elif grand == "self_attention":
        rows, cols = {"linear_0": 3 * d, "linear_1": d}[parent], d
    elif grand == "attention":
        rows, cols = {"linear_0": d, "linear_1": 2 * d, "linear_2": d}[parent], d
    elif grand == "ffn":
        rows, cols = {"linear_0": (shape.ffn, d), "linear_1": (d, shape.ffn)}[parent]
    else:
        raise KeyError(f"no rule for spec variable {name}")
    out = rng.normal(0.0, 1.0 / np.sqrt(cols), size=(rows, cols) if attr == "weight" else (rows,))
    if grand == "attention" and parent != "linear_0" and attr == "weight":
        out *= shape.cross_gain  # lean on the source, so outputs differ between inputs
    if parent == "projection" and attr == "bias":
        out[2] += shape.eos_bias  # "</s>": ends outputs at varied, plausible lengths
    return out.astype(np.float32)


# -- packages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageSpec:
    """What to build: a language pair and how its package looks."""

    from_code: str
    to_code: str
    version: str = "1.0"
    seed: int = 0
    target_prefix: str = ""
    tokenizer: str = "sentencepiece"
    shape: ModelShape = ModelShape()
    quantization: str = "float32"
    folder: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def folder_name(self) -> str:
        """Argos's naming: ``translate-en_uk-1_0``."""
        return (
            self.folder
            or f"translate-{self.from_code}_{self.to_code}-{self.version.replace('.', '_')}"
        )


def build_package(spec: PackageSpec, root: Path) -> Path:
    """Build the package folder ``root/<folder_name>`` and return it."""
    folder = root / spec.folder_name
    folder.mkdir(parents=True)
    if spec.tokenizer == "bpe":
        codes = learn_bpe(CORPUS)
        (folder / "bpe.model").write_text(codes, encoding="utf-8")
        vocabulary = bpe_vocabulary(codes, CORPUS)
    else:
        symbols = [spec.target_prefix] if spec.target_prefix else []
        model = _sentencepiece_cached(tuple(symbols))
        (folder / "sentencepiece.model").write_bytes(model)
        vocabulary = sentencepiece_vocabulary(model)
    build_model(
        vocabulary,
        folder / "model",
        seed=spec.seed,
        shape=spec.shape,
        quantization=spec.quantization,
    )
    (folder / "metadata.json").write_text(json.dumps(_metadata(spec), indent=2), encoding="utf-8")
    (folder / "README.md").write_text(
        f"Test package {spec.from_code}→{spec.to_code}\n", encoding="utf-8"
    )
    return folder


_SP_CACHE: dict[tuple[str, ...], bytes] = {}


def _sentencepiece_cached(symbols: tuple[str, ...]) -> bytes:
    if symbols not in _SP_CACHE:
        _SP_CACHE[symbols] = train_sentencepiece(CORPUS, symbols=symbols)
    return _SP_CACHE[symbols]


def _metadata(spec: PackageSpec) -> dict[str, Any]:
    names = {"en": "English", "uk": "Ukrainian", "de": "German"}
    meta: dict[str, Any] = {
        "package_version": spec.version,
        "argos_version": "1.9",
        "from_code": spec.from_code,
        "from_name": names.get(spec.from_code, spec.from_code),
        "to_code": spec.to_code,
        "to_name": names.get(spec.to_code, spec.to_code),
        "type": "translate",
        "code": f"translate-{spec.from_code}_{spec.to_code}",
    }
    if spec.target_prefix:
        meta["target_prefix"] = spec.target_prefix
    meta.update(spec.metadata)
    return meta


def zip_folder(folder: Path, archive: Path, *, top: str | None = None) -> Path:
    """Zip ``folder`` as an ``.argosmodel`` whose single top folder is ``top`` (default: its
    name)."""
    top = top or folder.name
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr(f"{top}/", b"")
        for path in sorted(folder.rglob("*")):
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                out.writestr(name + "/", b"")
            else:
                out.write(path, name)
    return archive


@dataclass(frozen=True)
class Member:
    """One member of a hand-made (possibly hostile) zip archive."""

    name: str
    data: bytes = b""
    kind: str = "file"  # "file", "dir", "symlink", "fifo"


def make_zip(archive: Path, members: Sequence[Member]) -> Path:
    """Write exactly these members, names unchecked, as a zip archive."""
    kinds = {
        "file": stat.S_IFREG | 0o644,
        "dir": stat.S_IFDIR | 0o755,
        "symlink": stat.S_IFLNK | 0o777,
        "fifo": stat.S_IFIFO | 0o644,
    }
    with zipfile.ZipFile(archive, "w") as out, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are the point
        for member in members:
            info = zipfile.ZipInfo(member.name)
            info.create_system = 3
            info.external_attr = kinds[member.kind] << 16
            out.writestr(info, member.data)
    return archive


def package_members(folder: Path, *, top: str | None = None) -> list[Member]:
    """The members :func:`zip_folder` would write, to extend with hostile ones."""
    top = top or folder.name
    members = [Member(f"{top}/", kind="dir")]
    for path in sorted(folder.rglob("*")):
        name = f"{top}/{path.relative_to(folder).as_posix()}"
        members.append(
            Member(name + "/", kind="dir") if path.is_dir() else Member(name, path.read_bytes())
        )
    return members


def index_entry(spec: PackageSpec, url: str, **extra: Any) -> dict[str, Any]:
    """An Argos index entry for a built package served at ``url``."""
    meta = _metadata(spec)
    entry = {
        key: meta[key]
        for key in (
            "package_version",
            "argos_version",
            "from_code",
            "from_name",
            "to_code",
            "to_name",
            "code",
        )
    }
    entry["links"] = [url]
    entry.update(extra)
    return entry


# -- loopback index ----------------------------------------------------------------------

Route = bytes | Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class Loopback:
    """A running server on 127.0.0.1: ``url(path)``, and the paths requested so far."""

    base: str
    routes: dict[str, Route]
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The full URL of ``path`` (with a leading slash)."""
        return self.base + path


@contextmanager
def serve(routes: Mapping[str, Route], *, tls: ssl.SSLContext | None = None) -> Iterator[Loopback]:
    """Serve ``routes`` (path → body or handler function) on a free loopback port; over
    HTTPS with the server context ``tls``."""
    state = Loopback(base="", routes=dict(routes))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits.append(self.path)
            route = state.routes.get(self.path)
            if route is None:
                self.send_error(404)
            elif isinstance(route, bytes):
                self.send_response(200)
                self.send_header("Content-Length", str(len(route)))
                self.end_headers()
                try:
                    self.wfile.write(route)
                except ConnectionError:  # the client stopped reading: a size limit, say
                    return
            else:
                route(self)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    scheme = "http" if tls is None else "https"
    state.base = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A loopback port nobody listens on (connecting to it is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- fixtures ----------------------------------------------------------------------------

SPECS = {
    "en_uk": PackageSpec("en", "uk", version="1.9", seed=1),
    "en_uk_v2": PackageSpec("en", "uk", version="2.0", seed=11),
    "uk_en": PackageSpec("uk", "en", version="1.9", seed=2),
    "en_de": PackageSpec("en", "de", version="1.0", seed=3),
    "de_en": PackageSpec("de", "en", version="1.0", seed=4),
    "en_uk_prefix": PackageSpec(
        "en", "uk", version="1.9", seed=5, target_prefix="__uk__", folder="prefix-en_uk"
    ),
    "en_uk_bpe": PackageSpec(
        "en", "uk", version="1.0", seed=6, tokenizer="bpe", folder="bpe-en_uk"
    ),
}


@dataclass(frozen=True)
class BuiltPackages:
    """Session-wide built packages: unpacked folders and ``.argosmodel`` archives by key."""

    folders: Mapping[str, Path]
    archives: Mapping[str, Path]

    def install(self, packages_dir: Path, *keys: str) -> Path:
        """Copy these unpacked packages into ``packages_dir`` (no install code involved)."""
        packages_dir.mkdir(parents=True, exist_ok=True)
        for key in keys:
            shutil.copytree(self.folders[key], packages_dir / self.folders[key].name)
        return packages_dir
