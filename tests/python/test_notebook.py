"""The example notebook runs from top to bottom on a real kernel (nbclient), and shows what it
says it shows."""

from pathlib import Path

import nbclient
import nbformat

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_example_notebook_runs_and_shows_every_stage():
    notebook = nbformat.read(EXAMPLES / "textmill.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    views = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("textmill-cleaned" in v for v in views), "the Cleaned view"
    assert any("textmill-doc" in v and ">PERSON " in v for v in views), "the document view"
    texts = "\n".join(o["data"]["text/plain"] for o in outputs if "text/plain" in o.get("data", {}))
    assert "(14, 0)" in texts, "the corpus run: 14 documents, 0 errors"
    assert "Kim Jong Un" in texts
