"""The look every troops figure shares: the paper style (``troops/paper.mplstyle`` over
matplotlib's defaults) and the note an empty chart carries.

Kept apart from the evidence and story figures so that drawing one does not load the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Said in the middle of an Axes where no figure of its series falls in the selection.
NOTHING = "no reported figure in this selection"

#: Settings a style never changes (as in ``matplotlib.style``).
NOT_STYLE = frozenset(
    {
        "interactive", "backend", "backend_fallback", "toolbar", "timezone", "date.epoch",
        "webagg.port", "webagg.address", "webagg.port_retries", "webagg.open_in_browser",
        "figure.max_open_warning", "figure.raise_window", "savefig.directory",
        "tk.window_focus", "docstring.hardcopy",
    }
)  # fmt: skip


@lru_cache(maxsize=1)
def paper_rc() -> dict[str, Any]:
    """Matplotlib's defaults overlaid with ``troops/paper.mplstyle`` (the same settings as
    ``plt.style.use("troops.paper")`` after a reset), read once."""
    # deferred: matplotlib loads only when something is drawn
    import matplotlib as mpl

    path = Path(__file__).resolve().parent.parent / "paper.mplstyle"
    params = mpl.rc_params_from_file(str(path), use_default_template=True)
    return {k: v for k, v in params.items() if k not in NOT_STYLE}


@contextmanager
def paper_style() -> Iterator[None]:
    """Matplotlib's defaults plus ``troops/paper.mplstyle``, whatever the user's rc says."""
    # deferred: matplotlib loads only when something is drawn
    import matplotlib as mpl

    rc: Any = paper_rc()
    with mpl.rc_context(rc):
        yield


def say_nothing(ax: Axes, size: float) -> None:
    """Write :data:`NOTHING` in the middle of ``ax`` (nothing of its series is drawn)."""
    ax.text(
        0.5,
        0.5,
        NOTHING,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=size,
        color="0.4",
        parse_math=False,
        gid="troops-nothing",
    )
