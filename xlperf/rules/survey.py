"""The satisfaction questionnaire (rules.md §5)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .rates import ratio


@dataclass(frozen=True)
class QuestionResult:
    counts: tuple  # one count per option, in option order (A, B, C, D)
    answered: int  # Σ counts
    points: Decimal  # Σ count × points of the option
    shares: tuple  # count ÷ respondents per option (None without respondents)


def question_result(counts, points_per_option, respondents: int | None = None) -> QuestionResult:
    counts = tuple(int(c) for c in counts)
    answered = sum(counts)
    points = sum((Decimal(c) * Decimal(p) for c, p in zip(counts, points_per_option)), Decimal(0))
    base = respondents if respondents else answered
    shares = tuple(ratio(Decimal(c), Decimal(base)) for c in counts)
    return QuestionResult(counts, answered, points, shares)


def satisfaction_rate(questions, points_per_option, respondents: int | None = None) -> Decimal | None:
    """综合满意率 = Σ points ÷ (questions × respondents × max points).

    `questions` is a sequence of per-question option counts. Without a stated number of
    respondents each question's own answer count is its respondents.
    """
    points = [Decimal(p) for p in points_per_option]
    top = max(points) if points else Decimal(0)
    total = Decimal(0)
    full = Decimal(0)
    for counts in questions:
        r = question_result(counts, points, respondents)
        total += r.points
        full += Decimal(respondents if respondents else r.answered) * top
    return ratio(total, full)
