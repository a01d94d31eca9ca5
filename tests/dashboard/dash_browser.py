"""A headless Debian chromium driven by selenium (chromium-driver), shared by the browser tests
and benchmarks/dashboard.py."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")


def find(paths) -> str | None:
    for p in paths:
        if Path(p).exists():
            return p
    return None


def missing() -> str | None:
    if find(CHROMIUM) is None or find(DRIVER) is None:
        return "Debian chromium and chromium-driver not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium not installed (pip install selenium)"
    return None


def make_driver(width: int = 1400, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = find(CHROMIUM)
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              f"--window-size={width},{height}", "--disable-extensions", "--mute-audio",
              "--autoplay-policy=no-user-gesture-required"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(find(DRIVER)), options=opts)


def wait_for(driver, css: str, timeout: float = 20.0):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.02).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_idle(driver, timeout: float = 20.0) -> None:
    """Until Dash has no callback in flight (the page is interactive with its data)."""
    end = time.time() + timeout
    while time.time() < end:
        busy = driver.execute_script(
            "return document.querySelector('._dash-loading, [data-dash-is-loading=\"true\"]') !== null"
            " || document.title.indexOf('Updating') === 0;")
        if not busy:
            return
        time.sleep(0.02)
    raise TimeoutError("Dash still busy")


def login(driver, base: str, username: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-button").click()
    wait_for(driver, "#whoami")


def artefacts_dir(root: Path) -> Path:
    d = root / "test-artefacts" / "dashboard"
    d.mkdir(parents=True, exist_ok=True)
    return d


def clean(d: Path) -> None:
    shutil.rmtree(d, ignore_errors=True)


def click(driver, el) -> None:
    """Scroll the element into view and click it (a DOM click: the page may still be moving as
    graphs finish drawing above it)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", el)
