"""HanLP NER backend: a tiny model trained here (no downloads, no research data), readers, errors, CLI."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

hanlp = pytest.importorskip("hanlp")
pytest.importorskip("torch")

from click.testing import CliRunner  # noqa: E402

from kg.extract import hanlp_ner as ner  # noqa: E402
from kg.models_cli import models  # noqa: E402

# Hand-written training sentences (names are invented; PER spans are found by string search).
NAMES = ["李明", "王建国", "张伟", "刘芳", "陈静", "杨光辉", "赵永强", "黄海", "周小红", "吴德华", "孙立", "郑国平"]
TEMPLATES = [
    "市委书记{}主持召开市委常委会会议。",
    "{}同志出席会议并讲话。",
    "会议由市长{}主持。",
    "副市长{}作工作报告。",
    "{}强调，要认真贯彻落实会议精神。",
    "省委常委、秘书长{}参加调研。",
    "{}在南通市调研时指出，要抓好安全生产。",
    "市政协主席{}出席开幕式。",
    "区委副书记、区长{}介绍有关情况。",
    "市领导{}、{}参加会议。",
]
TRAIN = [t.format(NAMES[(i + k) % len(NAMES)], NAMES[(i + k + 5) % len(NAMES)])
         for i, t in enumerate(TEMPLATES) for k in range(0, 12, 3)]
TRAIN += ["会议审议通过了有关文件。", "全市上下要坚定信心，真抓实干。", "上午，市委常委会召开会议。"]


def _bio(text: str) -> list[str]:
    tags = ["O"] * len(text)
    for name in NAMES:
        start = text.find(name)
        while start >= 0:
            tags[start] = "B-PER"
            for k in range(start + 1, start + len(name)):
                tags[k] = "I-PER"
            start = text.find(name, start + len(name))
    return tags


def _write_conll(path: Path, texts: list[str]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for text in texts:
            for ch, tag in zip(text, _bio(text)):
                f.write(f"{ch} {tag}\n")
            f.write("\n")
    return path


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("ner")
    data = _write_conll(d / "train.bio", TRAIN)
    res = ner.train_model([data], d / "model", epochs=25, progress=False, batch_size=8)
    assert res["dev"]["overall"]["F1"] > 0.8, res["dev"]
    assert (d / "model" / "config.json").is_file() and (d / "model" / ner.SIDECAR).is_file()
    return d / "model"


@pytest.fixture()
def empty_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No configured, trained or cached model anywhere."""
    monkeypatch.setenv("HANLP_HOME", str(tmp_path / "hanlp"))
    monkeypatch.setenv("GOVKG_HOME", str(tmp_path / "govkg"))
    monkeypatch.delenv(ner.ENV_MODEL, raising=False)
    return tmp_path


def test_trained_model_loads_and_finds_persons(tiny_model: Path) -> None:
    model = ner.resolve_model(str(tiny_model))
    assert isinstance(model, ner.NerModel)
    assert model.model_id == f"dir:{tiny_model.resolve()}"
    assert model.labels == ("PER",) and len(model.fingerprint) == 12
    assert model.component.model.crf.batch_first is True  # the CRF fix is applied on load
    text = "上午，市委书记张伟主持召开会议。副市长刘芳作工作报告。"
    [persons] = model.persons([text])
    assert ("张伟", 7, 9) in persons
    assert all(text[s:e] == name for name, s, e in persons)
    [ents] = model.entities([text])
    assert ("张伟", "PER", 7, 9) in ents


def test_offsets_skip_whitespace_and_empty_texts(tiny_model: Path) -> None:
    model = ner.resolve_model(str(tiny_model))
    assert model is not None
    out = model.persons(["", "  \n", "会议由市长王　建国主持。"])
    assert out[:2] == [[], []]
    assert ("王建国", 5, 9) in out[2]  # name typeset with a full-width space


def test_none_and_auto_without_models(empty_homes: Path) -> None:
    assert ner.resolve_model("none") is None
    assert ner.resolve_model("auto") is None
    assert ner.resolve_model(None) is None
    assert ner.describe_auto().startswith("rules only")


def test_auto_uses_env_and_default_dir(tiny_model: Path, empty_homes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ner.ENV_MODEL, str(tiny_model))
    assert ner.resolve_model("auto").model_id == f"dir:{tiny_model.resolve()}"
    assert "GOVKG_NER_MODEL" in ner.describe_auto()
    monkeypatch.delenv(ner.ENV_MODEL)
    import shutil

    shutil.copytree(tiny_model, ner.default_model_dir())
    assert ner.resolve_model("auto").model_id == f"dir:{ner.default_model_dir().resolve()}"
    assert "trained default model" in ner.describe_auto()


@pytest.mark.parametrize("spec", ["no-such/model-id", "MSRA_NER_ELECTRA_SMALL_ZH"])
def test_missing_model_fails_fast_offline(spec: str, empty_homes: Path) -> None:
    t0 = time.monotonic()
    with pytest.raises(ner.ModelError) as err:
        ner.resolve_model(spec)
    assert time.monotonic() - t0 < 10
    msg = str(err.value)
    assert "\n" not in msg and spec in msg
    if spec.isupper():
        assert "kg models pull" in msg and "HANLP_HOME" in msg


def test_cached_identifier_loads_from_hanlp_home(tiny_model: Path, empty_homes: Path) -> None:
    import shutil

    url = hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH
    shutil.copytree(tiny_model, ner.hanlp_cache_path(url))
    model = ner.resolve_model("MSRA_NER_ELECTRA_SMALL_ZH")
    assert model is not None and model.model_id == "MSRA_NER_ELECTRA_SMALL_ZH"
    assert "found under HANLP_HOME" in ner.describe_auto()


def test_pull_unreachable_fails_within_timeout(empty_homes: Path) -> None:
    t0 = time.monotonic()
    with pytest.raises(ner.ModelError, match="HANLP_HOME"):
        ner.pull_model("http://127.0.0.1:9/hanlp/ner/some_model.zip", timeout=3)
    assert time.monotonic() - t0 < 10


def test_evaluate_model(tiny_model: Path, tmp_path: Path) -> None:
    gold = _write_conll(tmp_path / "gold.bio", ["市委书记李明主持召开会议。", "副市长陈静作工作报告。"])
    res = ner.evaluate_model(tiny_model, gold)
    assert set(res["per_type"]) == {"PER"} and res["per_type"]["PER"]["gold"] == 2
    assert 0 <= res["overall"]["F1"] <= 1 and res["chars_per_s"] > 0


# ---- readers --------------------------------------------------------------------------------------

def test_read_conll_bioes_and_multichar(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text("-DOCSTART- O\n\n王\tB-PER\n伟\tE-PER\n在\tO\n南通市\tS-LOC\n\n好 O\n", encoding="utf-8")
    sents = ner.read_dataset(p)
    assert sents[0] == (list("王伟在南通市"), ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC"])
    assert sents[1] == (["好"], ["O"])


def test_read_msra(tmp_path: Path) -> None:
    (tmp_path / "sentences.txt").write_text("王 伟 到 北 京\n", encoding="utf-8")
    (tmp_path / "tags.txt").write_text("B-PER I-PER O B-LOC I-LOC\n", encoding="utf-8")
    assert ner.detect_format(tmp_path) == "msra"
    [(chars, tags)] = ner.read_dataset(tmp_path)
    assert ner.bio_spans(tags) == [("PER", 0, 2), ("LOC", 3, 5)]


def test_read_cluener_inclusive_end(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    rec = {"text": "市长王伟说", "label": {"position": {"市长": [[0, 1]]}, "name": {"王伟": [[2, 3]]}}}
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    [(chars, tags)] = ner.read_dataset(p)
    assert tags == ["B-position", "I-position", "B-name", "I-name", "O"]


def test_read_pd98_merges_names_and_compounds(tmp_path: Path) -> None:
    p = tmp_path / "pd.txt"
    p.write_text("19980101-01-001-002/m  中共中央/nt  总书记/n  江/nr  泽民/nr  、/w  李/nr  鹏/nr  在/p  "
                 "[北京/ns  大学/n]nt  讲话/v  。/w  他/r  来到/v  上海/ns  。/w\n", encoding="utf-8")
    assert ner.detect_format(p) == "pd98"
    sents = ner.read_dataset(p)
    assert len(sents) == 2  # split into sentences
    chars, tags = sents[0]
    got = [(t, "".join(chars[b:e])) for t, b, e in ner.bio_spans(tags)]
    assert got == [("ORG", "中共中央"), ("PER", "江泽民"), ("PER", "李鹏"), ("ORG", "北京大学")]
    assert [(t, "".join(sents[1][0][b:e])) for t, b, e in ner.bio_spans(sents[1][1])] == [("LOC", "上海")]


def test_read_pd98_name_lists_and_doctrines(tmp_path: Path) -> None:
    p = tmp_path / "pd.txt"
    p.write_text("出席/v  的/u  有/v  ：/w  江/nr  泽民/nr  李/nr  鹏/nr  欧阳/nr  山尊/nr  克林顿/nr  "
                 "叶利钦/nr  。/w\n学习/v  邓/nr  小平/nr  同志/n  的/u  邓小平理论/n  和/c  社会主义/n  。/w\n",
                 encoding="utf-8")
    got = [[("".join(c[b:e])) for _t, b, e in ner.bio_spans(tags)] for c, tags in ner.read_dataset(p, "pd98")]
    assert got == [["江泽民", "李鹏", "欧阳山尊", "克林顿", "叶利钦"], ["邓小平", "邓小平"]]


def test_import_is_lazy() -> None:
    import subprocess
    import sys

    code = "import sys, kg.extract.hanlp_ner; print('torch' in sys.modules, 'hanlp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], check=True)
    assert out.stdout.split() == ["False", "False"]


# ---- CLI ------------------------------------------------------------------------------------------

def test_cli_eval_json_and_errors(tiny_model: Path, tmp_path: Path, empty_homes: Path) -> None:
    gold = _write_conll(tmp_path / "gold.bio", ["市委书记李明主持召开会议。"])
    runner = CliRunner()
    r = runner.invoke(models, ["eval", "--model", str(tiny_model), "--data", str(gold), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["per_type"]["PER"]["gold"] == 1
    r = runner.invoke(models, ["eval", "--model", "no-such/model-id", "--data", str(gold)])
    assert r.exit_code == 1 and r.output.startswith("Error: ")
    r = runner.invoke(models, ["eval", "--data", str(gold)])
    assert r.exit_code == 2
    r = runner.invoke(models, ["list"])
    assert r.exit_code == 0 and "rules only" in r.output and "MSRA_NER_ELECTRA_SMALL_ZH" in r.output
    r = runner.invoke(models, ["pull", "not-an-identifier"])
    assert r.exit_code == 1 and "Error:" in r.output
