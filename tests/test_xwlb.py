"""Regression on real 新闻联播 items: our hand-written gold, and a clean run over the whole corpus."""
from __future__ import annotations

import json

import pytest

from kg.evaluate import score
from kg.facts import article_to_json, load_facts
from kg.pipeline import extract

from conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "xwlb_gold.json"
BLIND = ROOT / "tests" / "gold" / "blind_gold.json"
HELDOUT = ROOT / "tests" / "gold" / "heldout_gold.json"
BLIND2 = ROOT / "tests" / "gold" / "blind2_gold.json"
BLIND3 = ROOT / "tests" / "gold" / "blind3_gold.json"

# Measured on 2026-11-30 with rules only; a regression below these fails (raise them as extraction improves).
FLOORS = {"persons": 0.97, "participants": 0.97, "roles": 0.97, "posts": 0.96, "documents": 0.95,
          "document_actions": 0.95}

# blind_gold.json: 15 items annotated before any extractor ran on them. Measured 2026-11-30 before the
# fixes: .929 / .788 / .759 / .855 / .343 / .333; after: .995 / .990 / .987 / .989 / 1.0 / 1.0 (now tuned on).
BLIND_FLOORS = {"persons": 0.97, "participants": 0.97, "roles": 0.96, "posts": 0.96, "documents": 0.96,
                "document_actions": 0.96}
# blind2_gold.json: 6 more items annotated after the first round of fixes, before the extractor ran on them:
# first measured .920 / .962 / .964 / .732 / .455 / .455; then tuned on: .989 / 1.0 / 1.0 / 1.0 / 1.0 / 1.0.
BLIND2_FLOORS = {"persons": 0.96, "participants": 0.97, "roles": 0.97, "posts": 0.96, "documents": 0.95,
                 "document_actions": 0.95}
# blind3_gold.json: 6 more items annotated after the second round of fixes, before the extractor ran on them:
# first measured .965 / .880 / .887 / 1.0 / .500 / .500; after a third round: .991 / .991 / .991 / 1.0 / .842 / .842.
BLIND3_FLOORS = {"persons": 0.97, "participants": 0.97, "roles": 0.97, "posts": 0.97, "documents": 0.80,
                 "document_actions": 0.80}
# blind4_gold.json: 10 items from a new random draw (half foreign affairs), annotated before the extractor ran on them:
# first measured .941 / .815 / .784 / .857 / .667 / .667; after a fourth round: 1.0 on all six (now tuned on).
BLIND4 = ROOT / "tests" / "gold" / "blind4_gold.json"
BLIND4_FLOORS = {"persons": 0.97, "participants": 0.97, "roles": 0.97, "posts": 0.97, "documents": 0.95,
                 "document_actions": 0.95}
# blind5_gold.json: 12 items from another random draw, annotated before the extractor ran on them:
# first measured .958 / .806 / .830 / .884 / .720 / .720; after a fifth round: 1.0 / 1.0 / 1.0 / 1.0 / .933 / .933.
BLIND5 = ROOT / "tests" / "gold" / "blind5_gold.json"
BLIND5_FLOORS = {"persons": 0.97, "participants": 0.97, "roles": 0.97, "posts": 0.97, "documents": 0.90,
                 "document_actions": 0.90}
# blind6_gold.json: 12 items from another random draw, annotated before the extractor ran on them:
# first measured .980 / .836 / .809 / .961 / 1.0 / 1.0; with 结业式/开班式 as event endings .980 / .960 / .918 / .961 / 1.0 / 1.0.
BLIND6 = ROOT / "tests" / "gold" / "blind6_gold.json"
BLIND6_FLOORS = {"persons": 0.97, "participants": 0.95, "roles": 0.90, "posts": 0.95, "documents": 0.95,
                 "document_actions": 0.95}
# blind7..blind10_gold.json: 4 x 12 items from two new random draws (seeds 2718 and 5150), annotated before the extractor
# ran on them. First measured (rules 2026.11.6): blind7 .944 / .933 / .914 / .937 / .600, blind8 .967 / .841 / .845 /
# .922 / .800, blind9 .968 / .721 / .690 / .899 / .222, blind10 .958 / .839 / .865 / .927 / .789. blind7 and blind8
# were then tuned on (2026.11.7: .980 / .959 / .962 / .950 / .880 and .984 / .919 / .919 / .954 / .800); blind9 and
# blind10 measured .968 / .778 / .744 / .952 / .222 and .958 / .839 / .865 / .927 / .789 under 2026.11.7 before being
# tuned on. Floors sit just under the latest measurement.
BLIND7_10 = {n: ROOT / "tests" / "gold" / f"blind{n}_gold.json" for n in range(7, 49)}
# blind11 (12 items, seed 6174) first measured .941 / .826 / .864 / .875 / .100 (2026.11.7 and .8), then tuned on;
# blind12 (24 items, seed 1729) first measured .869 / .863 / .843 / .675 / .889 (2026.11.9), tuned on in 2026.11.10:
# .980 / .942 / .918 / .930 / .889; blind13 (24 items, seed 8128) first measured .955 / .951 / .933 / .904 / .925
# (2026.11.9 and 2026.11.10 alike); blind14 (24 items, seed 4096) first measured .959 / .927 / .911 / .915 / .604 /
# .566 (2026.11.10 and 2026.11.11 alike), documents .857 / .825 after 2026.11.12; blind15 (24 items, seed 65537) first
# measured .956 / .914 / .923 / .934 / .912 / .882 (2026.11.11 and 2026.11.12 alike), tuned on in 2026.11.13:
# .984 / .982 / .978 / .976 / .912; blind16 (16 items, seed 999331) first measured .949 / .866 / .835 / .857 / .703
# (2026.11.12), .954 / .872 / .840 / .864 / .703 under 2026.11.13 before anyone looked at its errors, documents 1.0
# after 2026.11.14. blind17 (16 items, seed 20261130, first half) first measured .902 / .894 / .875 / .901 / .500
# (2026.11.13 and 2026.11.14 alike); blind19 (16 items, seed 4211, first half) .982 / .985 / .983 / .945 / .900
# (2026.11.13 and 2026.11.14 alike); both tuned on in 2026.11.15: .983 / .967 / .958 / 1.0 / 1.0 and
# .986 / .989 / .987 / .950 / .900. blind18 (16 items, seed 20261130, second half) first measured .984 / .970 / .953 /
# .935 / .519 (2026.11.13, .14 and .15 alike). blind20 (16 items, seed 4211, second half) first measured 1.0 / .980 /
# .945 / .967 / .000 (2026.11.15; its five documents are all in one item, titles spread over a quoted list).
# blind21 and blind22 (16 items each, seed 7777) first measured .985 / .923 / .935 / .900 / .000 and
# .994 / .944 / .948 / .946 / .750 (2026.11.16). Documents under 2026.11.17 (round on blind10-19's documents):
# blind13 .988, blind14 .993, blind18 1.0, blind19 .952; blind20-22 unchanged. Round 2026.11.18 on blind20-22:
# blind20 1.0 / .990 / .952 / .967 / 1.0, blind21 .990 / .989 / .990 / .952 / 1.0, blind22 1.0 / 1.0 / .994 / .956 / 1.0.
# blind24 (20 items, seed 31415, second half) first measured .890 / .943 / .913 / .811 / .889 (2026.11.17 and .18 alike);
# blind23 (20 items, seed 31415, first half) .965 / .970 / .917 / .950 / .935 (2026.11.18). Round 2026.11.19 on
# blind24: .983 / .972 / .947 / .981 / 1.0. blind25 and blind26 (20 items each, seed 2719, drawn without the items a
# rule-fixing helper had printed) first measured .957 / .896 / .885 / .878 / .828 and .925 / .824 / .850 / .918 / .897
# (2026.11.18), .961 / .896 / .885 / .883 / .828 and .934 / .824 / .850 / .927 / .897 (2026.11.19). blind27 and blind28
# (20 items each, seed 16180, drawn without the 59 items helpers had printed) first measured .943 / .907 / .913 / .845 /
# .889 and .971 / .943 / .934 / .955 / .829 (2026.11.19); under 2026.11.20 (tuned on blind23, 25 and 26) blind27 is
# unchanged and blind28 is .978 / .951 / .941 / .963 / .829. blind29 and blind30 (20 items each, seed 57721, drawn
# without the 64 items helpers had printed) first measured .977 / .982 / .971 / .964 / .857 and .979 / .959 / .940 /
# .994 / .174 (2026.11.20; 18 of blind30's 20 documents are in one closing speech, item 450), the same under 2026.11.21
# (tuned on blind26-28: blind27 .955 / .936 / .939 / .882 / .889, blind28 .984 / .959 / .948 / .978 / .829). Documents
# read from a chair's closing speech (2026.11.22, tuned on blind30's item 450): blind30 .974, blind8 .985. blind31 and
# blind32 (20 items each, seed 141421, drawn without the 71 items helpers had printed) first measured .974 / .789 / .776
# / .829 / .741 and .962 / .937 / .940 / .887 / .800 (2026.11.22); tuned on in 2026.11.23: .981 / .927 / .880 / .949 / .741
# and .973 / .944 / .946 / .894 / .800. blind33 and blind34 (20 items each, seed 173205, drawn without the 73 items
# helpers had printed) first measured .991 / .944 / .956 / .950 / .780 and .974 / .962 / .945 / .898 / .557 (2026.11.22
# and 2026.11.23 alike). Documents after 2026.11.24 (NPC motions and counted reports, tuned on blind33-34): blind25 .879,
# blind32 .933, blind33 .881, blind34 .946. blind35 and blind36 (20 items each, seed 223606, drawn without the 79 items
# helpers had printed) first measured .992 / .933 / .937 / .986 / .831 and .967 / .937 / .929 / .944 / .913
# (2026.11.23 and 2026.11.24 alike).
# Under 2026.11.9: blind7 .980 / .984 / .981 / .950 / .880, blind8 .984 / .940 / .937 / .954 / .867,
# blind9 .968 / .942 / .937 / 1.0 / .316, blind10 .964 / .898 / .912 / .982 / .842, blind11 .959 / .951 / .961 / .939 / 1.0.
BLIND7_10_FLOORS = {
    7: {"persons": 0.97, "participants": 0.97, "roles": 0.97, "posts": 0.94, "documents": 0.85, "document_actions": 0.85},
    8: {"persons": 0.97, "participants": 0.93, "roles": 0.93, "posts": 0.94, "documents": 0.97, "document_actions": 0.97},
    9: {"persons": 0.96, "participants": 0.93, "roles": 0.93, "posts": 0.98, "documents": 0.3, "document_actions": 0.3},
    10: {"persons": 0.95, "participants": 0.89, "roles": 0.90, "posts": 0.97, "documents": 0.83, "document_actions": 0.83},
    11: {"persons": 0.95, "participants": 0.94, "roles": 0.95, "posts": 0.93, "documents": 0.95, "document_actions": 0.95},
    12: {"persons": 0.97, "participants": 0.93, "roles": 0.91, "posts": 0.92, "documents": 0.87, "document_actions": 0.87},
    13: {"persons": 0.95, "participants": 0.94, "roles": 0.92, "posts": 0.89, "documents": 0.98, "document_actions": 0.98},
    14: {"persons": 0.95, "participants": 0.92, "roles": 0.90, "posts": 0.90, "documents": 0.98, "document_actions": 0.98},
    15: {"persons": 0.97, "participants": 0.97, "roles": 0.97, "posts": 0.96, "documents": 0.99, "document_actions": 0.99},
    16: {"persons": 0.95, "participants": 0.90, "roles": 0.86, "posts": 0.93, "documents": 0.99, "document_actions": 0.99},
    17: {"persons": 0.97, "participants": 0.95, "roles": 0.95, "posts": 0.99, "documents": 0.99, "document_actions": 0.99},
    18: {"persons": 0.97, "participants": 0.96, "roles": 0.94, "posts": 0.92, "documents": 0.99, "document_actions": 0.99},
    19: {"persons": 0.97, "participants": 0.98, "roles": 0.98, "posts": 0.94, "documents": 0.94, "document_actions": 0.94},
    20: {"persons": 0.99, "participants": 0.98, "roles": 0.94, "posts": 0.95, "documents": 0.99, "document_actions": 0.99},
    21: {"persons": 0.98, "participants": 0.98, "roles": 0.98, "posts": 0.94, "documents": 0.99, "document_actions": 0.99},
    22: {"persons": 0.99, "participants": 0.99, "roles": 0.98, "posts": 0.94, "documents": 0.99, "document_actions": 0.99},
    23: {"persons": 0.97, "participants": 0.97, "roles": 0.91, "posts": 0.97, "documents": 0.92, "document_actions": 0.92},
    24: {"persons": 0.97, "participants": 0.96, "roles": 0.94, "posts": 0.97, "documents": 0.99, "document_actions": 0.99},
    25: {"persons": 0.98, "participants": 0.97, "roles": 0.96, "posts": 0.92, "documents": 0.87, "document_actions": 0.87},
    27: {"persons": 0.95, "participants": 0.93, "roles": 0.93, "posts": 0.87, "documents": 0.88, "document_actions": 0.88},
    28: {"persons": 0.98, "participants": 0.95, "roles": 0.94, "posts": 0.97, "documents": 0.82, "document_actions": 0.82},
    29: {"persons": 0.96, "participants": 0.97, "roles": 0.96, "posts": 0.95, "documents": 0.85, "document_actions": 0.81},
    30: {"persons": 0.97, "participants": 0.95, "roles": 0.93, "posts": 0.98, "documents": 0.96, "document_actions": 0.96},
    31: {"persons": 0.97, "participants": 0.91, "roles": 0.87, "posts": 0.94, "documents": 0.74, "document_actions": 0.74},
    32: {"persons": 0.96, "participants": 0.93, "roles": 0.93, "posts": 0.88, "documents": 0.92, "document_actions": 0.92},
    33: {"persons": 0.98, "participants": 0.93, "roles": 0.94, "posts": 0.94, "documents": 0.87, "document_actions": 0.87},
    34: {"persons": 0.96, "participants": 0.95, "roles": 0.93, "posts": 0.89, "documents": 0.93, "document_actions": 0.93},
    35: {"persons": 0.99, "participants": 0.99, "roles": 0.99, "posts": 0.99, "documents": 0.97, "document_actions": 0.97},
    36: {"persons": 0.99, "participants": 0.99, "roles": 0.99, "posts": 0.99, "documents": 0.97, "document_actions": 0.97},
    # blind37-40 (seeds 271828 and 161803), first scored by 2026.11.25: .957/.966/.966/.966/.944,
    # .948/.896/.894/.909/.781, .971/.965/.956/.944/.500, .933/.924/.902/.902/.909; floors under 2026.11.27.
    37: {"persons": 0.94, "participants": 0.95, "roles": 0.95, "posts": 0.96, "documents": 0.96, "document_actions": 0.96},
    38: {"persons": 0.94, "participants": 0.94, "roles": 0.93, "posts": 0.91, "documents": 0.91, "document_actions": 0.91},
    39: {"persons": 0.96, "participants": 0.96, "roles": 0.95, "posts": 0.94, "documents": 0.99, "document_actions": 0.99},
    40: {"persons": 0.92, "participants": 0.92, "roles": 0.90, "posts": 0.90, "documents": 0.94, "document_actions": 0.94},
    # blind41-42 (seed 1414213), first scored by 2026.11.25: .966/.944/.927/.869/.898 and .958/.872/.862/.935/.943.
    41: {"persons": 0.95, "participants": 0.93, "roles": 0.91, "posts": 0.90, "documents": 0.91, "document_actions": 0.91},
    42: {"persons": 0.96, "participants": 0.96, "roles": 0.93, "posts": 0.94, "documents": 0.93, "document_actions": 0.93},
    # blind43-44 (seed 1732050, drawn without the items 2026.11.26 changed), first scored by 2026.11.26:
    # .947/.906/.890/.919/.838 and .948/.934/.911/.928/.880; 2026.11.27 (not tuned on them) the same but for blind44 participants .937; floors under 2026.11.30.
    43: {"persons": 0.94, "participants": 0.93, "roles": 0.92, "posts": 0.94, "documents": 0.99, "document_actions": 0.99},
    44: {"persons": 0.96, "participants": 0.97, "roles": 0.95, "posts": 0.92, "documents": 0.91, "document_actions": 0.87},
    # blind45-46 (seed 2236067, drawn without the items 2026.11.26-.27 changed or their fixers printed), first scored by
    # 2026.11.27: .971/.917/.883/.838/.976 and .966/.945/.904/.944/.625; floors under 2026.11.29.
    45: {"persons": 0.98, "participants": 0.92, "roles": 0.89, "posts": 0.97, "documents": 0.96, "document_actions": 0.96},
    46: {"persons": 0.96, "participants": 0.93, "roles": 0.92, "posts": 0.94, "documents": 0.93, "document_actions": 0.93},
    # blind47-48 (seed 2645751, the last 40 candidates, drawn without the items 2026.11.26-.28 changed or their fixers
    # printed), first scored by 2026.11.28: .985/.966/.948/.906/.550 and .970/.962/.943/.938/.696; floors under 2026.11.30.
    47: {"persons": 0.97, "participants": 0.95, "roles": 0.93, "posts": 0.89, "documents": 0.95, "document_actions": 0.95},
    48: {"persons": 0.96, "participants": 0.95, "roles": 0.94, "posts": 0.92, "documents": 0.99, "document_actions": 0.99},
    26: {"persons": 0.93, "participants": 0.85, "roles": 0.88, "posts": 0.92, "documents": 0.88, "document_actions": 0.88},
}
# heldout_gold.json (12 items): .992 / .992 / .989 / .949 / 1.0 / 1.0 on 2026-11-30.
HELDOUT_FLOORS = {"persons": 0.97, "participants": 0.97, "roles": 0.96, "posts": 0.92, "documents": 0.95,
                  "document_actions": 0.95}


@pytest.fixture(scope="module")
def corpus_run(shared):
    return extract([shared / "corpus" / "xwlb" / "meeting_items.jsonl"], ner="none", progress=False)


def test_whole_corpus_runs_clean(corpus_run):
    assert len(corpus_run.facts) == 1674
    assert not corpus_run.problems, corpus_run.problems[:5]
    # every evidence span lies inside its article and its sentence
    for f in corpus_run.facts:
        n = len(f.article.text)
        for h in f.holdings:
            s = f.sentences[h.evidence.sentence]
            assert 0 <= s.start <= h.evidence.start < h.evidence.end <= s.end <= n


def test_own_gold_scores(corpus_run):
    gold = load_facts(GOLD)
    ids = {g["id"] for g in gold}
    pred = [article_to_json(f) for f in corpus_run.facts if f.article.id in ids]
    rep = score(gold, pred)
    low = {m: round(rep.scores[m].f1, 3) for m, floor in FLOORS.items() if rep.scores[m].f1 < floor}
    assert not low, low


def _gold_scores(corpus_run, path):
    gold = load_facts(path)
    ids = {g["id"] for g in gold}
    pred = [article_to_json(f) for f in corpus_run.facts if f.article.id in ids]
    return score(gold, pred)


@pytest.mark.parametrize("path,floors", [(BLIND, BLIND_FLOORS), (BLIND2, BLIND2_FLOORS), (BLIND3, BLIND3_FLOORS),
                                         (BLIND4, BLIND4_FLOORS), (BLIND5, BLIND5_FLOORS), (BLIND6, BLIND6_FLOORS),
                                         (HELDOUT, HELDOUT_FLOORS)]
                         + [(BLIND7_10[n], BLIND7_10_FLOORS[n]) for n in range(7, 49)],
                         ids=["blind", "blind2", "blind3", "blind4", "blind5", "blind6", "heldout",
                              "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48"])
def test_blind_and_heldout_gold_scores(corpus_run, path, floors):
    rep = _gold_scores(corpus_run, path)
    low = {m: round(rep.scores[m].f1, 3) for m, floor in floors.items() if rep.scores[m].f1 < floor}
    assert not low, low
