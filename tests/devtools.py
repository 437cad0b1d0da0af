"""One headless Chromium driven over the DevTools protocol, for tests that need a live page.

It follows links as a person would (a click), reads what the page shows
(computed styles, where an element sits in the viewport) and takes
screenshots at chosen widths, all in one browser process. Its traffic goes
through the proxy it is given, so a trap proxy sees any request that would
leave the machine.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import websocket

_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


#: Installed before any page script: a Content-Security-Policy violation is also an event of
#: the document, so it is seen even where the browser's log words it differently.
_RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
    `${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
));
"""


class Page:
    """A browser tab: navigate, click, evaluate, screenshot; what the browser complains of.

    The browser's own log (``Log.entryAdded``, where a refused load or inline
    style is reported), the page's console errors and uncaught exceptions are
    kept in :attr:`complaints`, and each document's Content-Security-Policy
    violations are read by :meth:`violations`.
    """

    def __init__(self, ws_url: str) -> None:
        self._ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self._ids = itertools.count(1)
        self.complaints: list[str] = []
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Log.enable")
        self.send("Page.addScriptToEvaluateOnNewDocument", source=_RECORD_VIOLATIONS)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self._ids)
        self._ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def _receive(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(self._ws.recv())
        method, params = message.get("method"), message.get("params", {})
        if method == "Log.entryAdded" and params["entry"]["level"] in ("warning", "error"):
            entry = params["entry"]
            self.complaints.append(f"{entry['source']}: {entry['text']} ({entry.get('url', '')})")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
            texts = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
            self.complaints.append("console: " + " ".join(texts))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            thrown = details.get("exception", {}).get("description", details["text"])
            self.complaints.append(f"exception: {thrown}")
        return message

    def _wait_for(self, event: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._receive().get("method") == event:
                return
        raise TimeoutError(event)

    def violations(self) -> list[str]:
        """The Content-Security-Policy violations of the current document so far."""
        found = self.evaluate("window.__violations || []")
        return [str(v) for v in found]

    def settle(self, seconds: float = 0.3) -> None:
        """Let the page's queued tasks run (a violation event is dispatched as one)."""
        self.evaluate(f"new Promise((done) => setTimeout(done, {int(seconds * 1000)}))")

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")

    def click(self, selector: str) -> None:
        """Click the element as a person would and wait for the next page to load."""
        found = self.evaluate(f"!!document.querySelector({json.dumps(selector)})")
        assert found, f"nothing matches {selector}"
        self._ws.send(
            json.dumps(
                {
                    "id": next(self._ids),
                    "method": "Runtime.evaluate",
                    "params": {
                        "expression": f"document.querySelector({json.dumps(selector)}).click()"
                    },
                }
            )
        )
        self._wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self._ws.close()


def chromium_command(proxy_port: int, profile: Path, *arguments: str) -> list[str]:
    """Headless Chromium with every request through ``127.0.0.1:proxy_port`` and nothing of
    its own sent anywhere (no updates, sync, time or phishing queries)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is missing: `make test` installs it (Debian package chromium)"
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--proxy-server=http://127.0.0.1:{proxy_port}",
        *arguments,
    ]


@contextlib.contextmanager
def chromium(proxy_port: int, profile: Path) -> Iterator[Page]:
    """A headless Chromium driven over the DevTools protocol (see :func:`chromium_command`)."""
    process = subprocess.Popen(
        chromium_command(
            proxy_port,
            profile,
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
            "about:blank",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    page: Page | None = None
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        browser_url = None
        while browser_url is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                raise RuntimeError("chromium exited before it listened")
            match = _LISTENING.search(line)
            if match:
                browser_url = match.group(1)
        assert browser_url, "chromium did not start its DevTools endpoint"
        # Keep reading the browser's log so that a full pipe never stalls it.
        drain = threading.Thread(target=lambda: [None for _ in process.stderr or ()], daemon=True)
        drain.start()
        http_root = "http://" + browser_url.split("/")[2]
        # The DevTools endpoint is on loopback: it is not proxied.
        targets = httpx.get(f"{http_root}/json/list", timeout=10).json()
        tab = next(t for t in targets if t.get("type") == "page")
        page = Page(tab["webSocketDebuggerUrl"])
        yield page
    finally:
        if page is not None:
            page.close()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
