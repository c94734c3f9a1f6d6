"""Pure scoring and rate rules (rules.md): Decimals in, Decimals out; no I/O."""
from .indicators import (
                         ACHIEVED,
                         FAILED,
                         PARTIAL,
                         QUALITATIVE,
                         QUANTITATIVE,
                         TIERS,
                         IndicatorResult,
                         Target,
                         evaluate_indicator,
                         in_band,
                         infer_tier,
                         parse_target,
                         parse_tier,
                         quantitative_score,
                         tier_band,
)
from .numbers import Reading, convert_money, fmt_percent, fmt_plain, normalize_text, quantize, read_number
from .presets import DEFAULT_PRESETS, Preset, count_elements, find_preset, variant
from .rates import change_rate, compare_rate, ratio
from .survey import question_result, satisfaction_rate
from .totals import compare_sum, exec_score, grade, rollup_ok

__all__ = [
    "ACHIEVED", "FAILED", "PARTIAL", "QUALITATIVE", "QUANTITATIVE", "TIERS", "IndicatorResult",
    "Target", "evaluate_indicator", "in_band", "infer_tier", "parse_target", "parse_tier",
    "quantitative_score", "tier_band", "Reading", "convert_money", "fmt_percent", "fmt_plain",
    "normalize_text", "quantize", "read_number", "DEFAULT_PRESETS", "Preset", "count_elements",
    "find_preset", "variant", "change_rate", "compare_rate", "ratio",
    "question_result", "satisfaction_rate", "compare_sum", "exec_score", "grade", "rollup_ok",
]
