"""Convert a CTranslate2 Whisper model (model.bin) into an openai-whisper checkpoint.

So the openai-whisper engine runs offline on exactly the weights faster-whisper uses. The
CTranslate2 binary format (ctranslate2/specs/model_spec.py, `_serialize`):

    uint32 version; [v>=2] string spec_name, uint32 revision; uint32 n_variables;
    n x (string name, uint8 rank, uint32 dims[rank], uint8 type_id (v>=4) | uint8 item_size,
         uint32 n_bytes, bytes);
    [v>=3] uint32 n_aliases; n x (string alias, string target)

where `string` is uint16 length (including a NUL) + UTF-8 bytes + NUL. CTranslate2 fuses the
self-attention q/k/v projections into one linear (`linear_0`, weight (3d, d)) and the
cross-attention k/v into `linear_1`; Whisper's key projections have no bias (the fused bias holds
zeros there).
"""
from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

# type ids of ctranslate2 DataType
_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
_ITEM_SIZE_DTYPES = {4: np.float32, 2: np.float16, 1: np.int8}


def _read(fh: BinaryIO, fmt: str) -> Any:
    size = struct.calcsize(fmt)
    data = fh.read(size)
    if len(data) != size:
        raise ValueError("truncated CTranslate2 model file")
    return struct.unpack("<" + fmt, data)[0]


def _read_string(fh: BinaryIO) -> str:
    n = _read(fh, "H")
    return fh.read(n)[:-1].decode("utf-8")


def read_ct2_variables(path: Path) -> dict[str, np.ndarray]:
    """All variables of a CTranslate2 model.bin (aliases resolved), as numpy arrays."""
    out: dict[str, np.ndarray] = {}
    with Path(path).open("rb") as fh:
        version = _read(fh, "I")
        if version >= 2:
            _read_string(fh)  # spec name, e.g. "WhisperSpec"
            _read(fh, "I")  # spec revision
        for _ in range(_read(fh, "I")):
            name = _read_string(fh)
            rank = _read(fh, "B")
            shape = tuple(_read(fh, "I") for _ in range(rank))
            if version >= 4:
                type_id = _read(fh, "B")
                if type_id not in _DTYPES:
                    raise ValueError(f"unsupported CTranslate2 dtype id {type_id} for {name}")
                dtype = _DTYPES[type_id]
            else:
                dtype = _ITEM_SIZE_DTYPES[_read(fh, "B")]
            n_bytes = _read(fh, "I")
            arr = np.frombuffer(fh.read(n_bytes), dtype=dtype)
            out[name] = arr.reshape(shape) if shape else arr
        if version >= 3:
            for _ in range(_read(fh, "I")):
                alias, target = _read_string(fh), _read_string(fh)
                if target in out:
                    out[alias] = out[target]
    return out


def _to_float32(v: dict[str, np.ndarray], name: str) -> np.ndarray:
    arr = v[name]
    if arr.dtype == np.int8:
        # int8-quantised weights carry a per-row scale: w = q / scale
        scale = v[name.rsplit("/", 1)[0] + "/weight_scale"].astype(np.float32)
        return arr.astype(np.float32) / scale.reshape(-1, *([1] * (arr.ndim - 1)))
    return arr.astype(np.float32)


def _n_layers(v: dict[str, np.ndarray], stack: str) -> int:
    pat = re.compile(rf"^{stack}/layer_(\d+)/")
    return len({m.group(1) for k in v if (m := pat.match(k))})


def ct2_whisper_state_dict(variables: dict[str, np.ndarray], n_state: int) -> dict[str, Any]:
    """Map CTranslate2 Whisper variable names onto openai-whisper's state_dict (float32 tensors)."""
    import torch

    v = variables
    sd: dict[str, Any] = {}

    def put(dst: str, src: str | np.ndarray) -> None:
        arr = _to_float32(v, src) if isinstance(src, str) else src
        sd[dst] = torch.from_numpy(np.ascontiguousarray(arr, dtype=np.float32))

    def linear(dst: str, src: str, bias: bool = True) -> None:
        put(dst + ".weight", src + "/weight")
        if bias:
            put(dst + ".bias", src + "/bias")

    def layer_norm(dst: str, src: str) -> None:
        put(dst + ".weight", src + "/gamma")
        put(dst + ".bias", src + "/beta")

    def fused(dst_names: list[str], src: str) -> None:
        w = _to_float32(v, src + "/weight")
        b = _to_float32(v, src + "/bias")
        for i, dst in enumerate(dst_names):
            sl = slice(i * n_state, (i + 1) * n_state)
            put(dst + ".weight", w[sl])
            if not dst.endswith(".key"):  # Whisper's key projections have no bias
                put(dst + ".bias", b[sl])

    def mlp(dst: str, src: str) -> None:
        layer_norm(dst + ".mlp_ln", src + "/ffn/layer_norm")
        linear(dst + ".mlp.0", src + "/ffn/linear_0")
        linear(dst + ".mlp.2", src + "/ffn/linear_1")

    def self_attention(dst: str, src: str) -> None:
        layer_norm(dst + ".attn_ln", src + "/self_attention/layer_norm")
        fused([dst + ".attn.query", dst + ".attn.key", dst + ".attn.value"],
              src + "/self_attention/linear_0")
        linear(dst + ".attn.out", src + "/self_attention/linear_1")

    for name in ("conv1", "conv2"):
        linear(f"encoder.{name}", f"encoder/{name}")
    put("encoder.positional_embedding", "encoder/position_encodings/encodings")
    n_enc = _n_layers(v, "encoder")
    for i in range(n_enc):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        self_attention(dst, src)
        mlp(dst, src)
    layer_norm("encoder.ln_post", "encoder/layer_norm")

    put("decoder.token_embedding.weight", "decoder/embeddings/weight")
    put("decoder.positional_embedding", "decoder/position_encodings/encodings")
    n_dec = _n_layers(v, "decoder")
    for i in range(n_dec):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        self_attention(dst, src)
        layer_norm(dst + ".cross_attn_ln", src + "/attention/layer_norm")
        linear(dst + ".cross_attn.query", src + "/attention/linear_0")
        fused([dst + ".cross_attn.key", dst + ".cross_attn.value"], src + "/attention/linear_1")
        linear(dst + ".cross_attn.out", src + "/attention/linear_2")
        mlp(dst, src)
    layer_norm("decoder.ln", "decoder/layer_norm")
    return sd


def convert_ct2_to_openai_whisper(model_dir: Path, out_path: Path) -> Path:
    """Write `{"dims": ..., "model_state_dict": ...}` loadable by `whisper.load_model(out_path)`."""
    import torch

    model_dir = Path(model_dir)
    v = read_ct2_variables(model_dir / "model.bin")
    conv1 = v["encoder/conv1/weight"]  # (n_audio_state, n_mels, 3)
    n_state = int(conv1.shape[0])
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": n_state,
        "n_audio_head": None,
        "n_audio_layer": _n_layers(v, "encoder"),
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/embeddings/weight"].shape[1]),
        "n_text_head": None,
        "n_text_layer": _n_layers(v, "decoder"),
    }
    # Head counts are not stored as variables; the spec keeps them in the model's config
    # (num_heads) where present, else Whisper uses 64-dim heads throughout.
    heads = n_state // 64
    for key in ("encoder/num_heads", "decoder/num_heads"):
        if key in v:
            heads = int(np.asarray(v[key]).reshape(-1)[0])
    dims["n_audio_head"] = dims["n_text_head"] = heads
    sd = ct2_whisper_state_dict(v, n_state)
    extra: dict[str, Any] = {}
    cfg = model_dir / "config.json"
    if cfg.is_file():
        extra["alignment_heads"] = json.loads(cfg.read_text()).get("alignment_heads")
    torch.save({"dims": dims, "model_state_dict": sd, "meeluister": extra}, out_path)
    return out_path
