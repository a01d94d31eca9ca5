# Two commands for a new user: `make demo` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
# Test workers (pytest-xdist); each test file stays on one worker, so module fixtures are built once.
TEST_WORKERS ?= 2
DEB_PACKAGES := espeak-ng sox ffmpeg libsndfile1 hunspell-nl libpango-1.0-0 libpangoft2-1.0-0 poppler-utils postgresql chromium chromium-driver libjs-bootstrap5

.PHONY: demo test test-fast install system-deps bench clean

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml | system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# The CPU build of torch comes from the machine's local wheel; install it first so that
	# nothing later pulls the CUDA build from the registry.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[all]'
	# pyannote.audio (the [pyannote] extra) pulls torchaudio 2.11.1, whose native libraries need
	# CUDA's libc10_cuda.so; torchaudio without them is a supported form ("no extension") and has
	# what diarization uses. The script removes them only when torchaudio fails to import, then
	# checks import, kaldi fbank and resample in a fresh interpreter (fails the install if not).
	$(PY) scripts/torchaudio_without_native.py
	touch $(STAMP)

install: system-deps $(STAMP)

test: install
	$(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=25

test-fast: install
	$(VENV)/bin/pytest -q -m "not slow"

demo: install
	$(VENV)/bin/meeluister demo --out demo-out

bench: install
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) demo-out .pytest_cache
