"""The README's Python block runs as it is, from the repository's root: its snippets use only
names they define."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_use_block_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    use = readme[readme.index("## Use\n"):]
    block = re.search(r"```python\n(.*?)```", use, re.S).group(1)
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    exec(compile(block, "README.md", "exec"), scope)
    assert scope["docs"] and scope["doc"].sentences
