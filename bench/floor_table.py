"""The dependency floor of `troops table --csv`: import pandas and click, define one model."""

import click
import pandas
from pydantic import BaseModel


class Figure(BaseModel):
    """One figure."""

    id: str
    value: int | None = None


assert click
assert pandas
assert Figure(id="x").id == "x"
