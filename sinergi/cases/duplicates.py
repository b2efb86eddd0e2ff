"""Likely duplicates: same village, same kind, close in time, similar words.

Similarity is TF-IDF over character n-grams (3–5, inside word boundaries), which copes with the
spelling variants of chat Indonesian ("gk"/"ga"/"tidak" aside) without any model download.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sinergi.cases.models import Case

WINDOW = timedelta(days=14)
THRESHOLD = 0.35
MAX_CANDIDATES = 200
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Suggestion:
    case: Case
    score: float


def candidates(case: Case) -> list[Case]:
    return list(
        Case.objects.filter(
            area_id=case.area_id,
            kind=case.kind,
            created_at__gte=case.created_at - WINDOW,
            created_at__lte=case.created_at + WINDOW,
            merged_into__isnull=True,
        )
        .exclude(pk=case.pk)
        .exclude(status=Case.Status.DIGABUNG)
        .select_related("category")
        .order_by("-created_at")[:MAX_CANDIDATES]
    )


def similar(case: Case) -> list[Suggestion]:
    """Cases that look like the same problem, most similar first."""
    others = candidates(case)
    if not others:
        return []
    # scikit-learn (with scipy) takes over a second to import: only the comparing worker needs it
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 -- see above
    from sklearn.metrics.pairwise import cosine_similarity  # noqa: PLC0415 -- see above

    texts = [case.description] + [o.description for o in others]
    try:
        matrix = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), lowercase=True
        ).fit_transform(texts)
    except ValueError:  # nothing but stop characters: no vocabulary to compare
        return []
    scores = cosine_similarity(matrix[0:1], matrix[1:]).ravel()
    ranked = sorted(
        (Suggestion(case=o, score=round(float(s), 3)) for o, s in zip(others, scores, strict=True)),
        key=lambda s: s.score,
        reverse=True,
    )
    return [s for s in ranked if s.score >= THRESHOLD][:MAX_SUGGESTIONS]
