"""The build step that works on a built site: what the pages need next to them to run Python.

Bundling Pyodide and the calculators wheel (``bundle.py``, its bytecode from ``compiled_wheel.py``
with ``make_compiled_wheel.mjs``), the memory snapshot (``snapshot.py`` with ``make_snapshot.mjs``),
the trimmed standard library (``stdlib.py`` with ``make_stdlib.mjs``), the build identity every
page and the runtime carry (``build_id.py``), the Content-Security-Policy (``csp.py``), the
calculator page index (``page_index.py``) and the calculators' HTML that skips Markdown
(``deferred.py``). No module here imports MkDocs: ``hooks.py`` is the thin MkDocs side.
"""
