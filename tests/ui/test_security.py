"""Opening a saved web page never makes a network request: not for images, scripts or CSS."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from app.ui.main_window import MainWindow


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(b"\x89PNG\r\n\x1a\n")

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    hits: ClassVar[list[str]] = []
    handler = type("Handler", (_CountingHandler,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _page(base: str) -> str:
    body = (
        "قال مصدر أمني عراقي، اليوم الخميس، إن صاروخين من طراز كاتيوشا استهدفا محيط السفارة "
        "الأمريكية في العاصمة بغداد، وأضاف أن منظومة الدفاع فشلت في إبعاد الصواريخ."
    )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>هجوم على محيط السفارة الأمريكية في بغداد</title>
<link rel="stylesheet" href="{base}/style.css">
<style>body {{ background: url({base}/bg.png); }} @import url("{base}/import.css");</style>
<script src="{base}/x.js"></script>
</head><body style="background-image: url({base}/inline-bg.png)">
<article>
<h1>هجوم على محيط السفارة الأمريكية في بغداد</h1>
<p style="background: url('{base}/p-bg.png')">{body}</p>
<p><img src="{base}/x.png" alt="صورة"> {body} <img srcset="{base}/y.png 2x"></p>
<p>{body} <a href="{base}/link">رابط</a></p>
<iframe src="{base}/frame.html"></iframe>
<video poster="{base}/poster.png"><source src="{base}/v.mp4"></video>
</article></body></html>
"""


def test_saved_page_makes_no_request(window: MainWindow, qtbot, tmp_path: Path, server) -> None:
    base, hits = server
    page = tmp_path / "saved-page.html"
    page.write_text(_page(base), encoding="utf-8")
    with qtbot.waitExposed(window):
        window.show()
    assert window.open_path(page)
    assert window.article is not None and "كاتيوشا" in window.article.text
    qtbot.wait(1000)  # give any stray loader time to fire
    window.reader.viewport().repaint()
    qtbot.wait(100)
    assert hits == []
    # the document holds only text: no image or anchor formats were created from the page
    block = window.reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat() and not fmt.isAnchor()
            it += 1
        block = block.next()


def test_reader_refuses_every_resource(window: MainWindow, server) -> None:
    base, hits = server
    for kind in (QTextDocument.ResourceType.ImageResource, QTextDocument.ResourceType.StyleSheetResource):
        assert window.reader.loadResource(kind.value, QUrl(f"{base}/z.png")) is None
    window.reader.setSource(QUrl(f"{base}/page.html"))
    assert window.reader.source().isEmpty()
    assert hits == []
