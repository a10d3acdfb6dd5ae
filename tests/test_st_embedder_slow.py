"""sentence-transformers for any local model: a tiny BERT the test builds itself (no downloads)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sentence_transformers")
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-st")
    words = ["보고서", "모델", "한국", "미국", "중국", "출시", "순위", "report", "model", "korea", "rank", "released", "growth"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *[f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz"]]
    (folder / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    torch.manual_seed(0)
    bert = BertModel(BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1,
                                num_attention_heads=2, intermediate_size=64, max_position_embeddings=64))
    raw = folder / "bert"
    bert.save_pretrained(raw)
    tokenizer.save_pretrained(raw)
    word = models.Transformer(str(raw), max_seq_length=32)
    model = SentenceTransformer(modules=[word, models.Pooling(word.get_word_embedding_dimension())])
    model.save(str(folder / "st"))
    return folder / "st"


def test_local_sentence_transformer_embeds_and_indexes(tiny_model: Path, tmp_path: Path) -> None:
    from index.build import ingest_paths
    from index.embedders import make_embedder
    from index.retriever import HybridRetriever, IndexReader

    embedder = make_embedder(f"st:{tiny_model}")
    assert embedder.id == f"st:{tiny_model}" and embedder.dim == 32
    docs = embedder.embed_documents(["한국 모델 출시", "report growth"])
    assert docs.shape == (2, 32) and np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    query = embedder.embed_query("한국 모델 출시")
    assert float(docs[0] @ query) > float(docs[1] @ query)

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("한국 모델 출시 순위 보고서.", encoding="utf-8")
    (corpus / "b.txt").write_text("The report on growth of released models.", encoding="utf-8")
    ingest_paths([corpus], tmp_path / "idx", embedder)
    hits = HybridRetriever(IndexReader.open(tmp_path / "idx"), embedder, only={"st"}).retrieve("한국 모델 출시", 2)
    assert hits[0].source == "a.txt"


def test_unloadable_model_names_the_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # a missing path must not turn into a hub download
    from index.embedders import SentenceTransformerEmbedder
    from core.errors import ModelError

    with pytest.raises(ModelError, match="could not be loaded"):
        SentenceTransformerEmbedder(str(tmp_path / "missing-model"))
