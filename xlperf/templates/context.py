"""What every sheet builder needs to know about the workbook it is part of."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..settings import DEFAULT, Settings
from .values import weight_text


@dataclass(frozen=True)
class Context:
    region: str = ""
    year: int = 2024
    dept: str = ""
    settings: Settings = DEFAULT

    def title(self, rest: str) -> str:
        """`桃江县2024年度部门整体支出绩效自评表` from rest = `部门整体支出绩效自评表`."""
        return f"{self.region}{self.year}年度{rest}"

    @property
    def previous(self) -> int:
        return self.year - 1

    def grade_formula(self, score: str) -> str:
        """Nested IF over the settings' grade bands, blank while the score is blank."""
        bands = list(self.settings.grade_bands)
        inner = f'"{bands[-1][1]}"'
        for bound, grade in reversed(bands[:-1]):
            inner = f'IF({score}>={weight_text(bound)},"{grade}",{inner})'
        return f'=IF({score}="","",{inner})'

    def level1_weights(self) -> dict[str, Decimal]:
        s = self.settings
        return {"产出指标": s.weight_output, "效益指标": s.weight_benefit,
                "满意度指标": s.weight_satisfaction}
