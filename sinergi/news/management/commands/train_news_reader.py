"""train_news_reader [--examples DIR]: fits the aspiration and commitment scorer on the labelled
examples and writes its weights to sinergi/news/data/free_text_model.json (commit that file).

The examples stay beside the repository (../shared/examples); only the weights enter it, so a
fresh clone and production read releases without them and without scikit-learn at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergi.news import training


class Command(BaseCommand):
    help = "Trains the aspiration/commitment scorer on ../shared/examples and writes its weights."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--examples",
            default=str(Path(settings.BASE_DIR).parent / "shared" / "examples"),
            help="Folder with seed-articles.jsonl and dev-articles.jsonl.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["examples"])
        missing = [name for name in training.FILES if not (folder / name).exists()]
        if missing:
            raise CommandError(f"{folder}: missing {', '.join(missing)}")
        content = training.train(training.read_examples(folder))
        training.write_model(content)
        for kind, model in content["kinds"].items():
            self.stdout.write(
                f"{kind}: {model.get('positives', 0)} of {model.get('examples', 0)} candidate "
                f"clauses positive, {len(model['weights'])} weights"
            )
        self.stdout.write(f"written from {content['articles']} articles")
