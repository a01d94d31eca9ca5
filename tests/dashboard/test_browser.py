"""End to end in a real browser (headless Debian chromium via selenium): sign in as each role,
see the right data, fail to see the wrong data. Screenshots go to test-artefacts/dashboard/."""
from __future__ import annotations

from pathlib import Path

import pytest

import dash_browser as browser
from dash_centre import AUDIO_ID, HOSTILE, HOSTILE_ID, PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")]
SHOTS = browser.artefacts_dir(Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module")
def driver():
    d = browser.make_driver()
    yield d
    d.quit()


def _go(driver, live, path, css):
    driver.get(live.url + path)
    el = browser.wait_for(driver, css)
    browser.wait_idle(driver)
    return el


def _shot(driver, name):
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def test_agent_sees_own_contacts_and_hears_own_recording(driver, live_sqlite):
    from selenium.webdriver.common.by import By

    live = live_sqlite
    browser.login(driver, live.url, "anna", PASSWORD)
    browser.wait_for(driver, "#agent-page")
    browser.wait_for(driver, "#ag-contacts-table")
    browser.wait_for(driver, "#ag-pass .js-plotly-plot")
    browser.wait_idle(driver)
    _shot(driver, "agent-home")
    html = driver.page_source
    assert "c-a-01-" in html and "Anna Noordhof" in html
    for other in ("Bram Noordman", "Chris Zuidema", "c-a-02-", "c-a-03-", HOSTILE_ID):
        assert other not in html
    # the graphs drew (plotly), the trend has data
    assert len(driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")) >= 3
    # open a contact from the list: transcript with evidence highlighted
    browser.click(driver, driver.find_element(By.CSS_SELECTOR, "#ag-contacts-table a.contact-link"))
    browser.wait_for(driver, "#contact-page #transcript")
    assert driver.find_elements(By.CSS_SELECTOR, "#transcript mark.ev")
    _shot(driver, "agent-contact")
    # a recording: the player streams from /audio, a seek button jumps to the evidence
    _go(driver, live, f"/contact/{AUDIO_ID}", "#contact-audio")
    seek = driver.find_elements(By.CSS_SELECTOR, "#results-table button[title]")
    assert seek, "evidence with times has seek buttons"
    browser.click(driver, seek[-1])
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.getElementById('contact-audio').currentTime;") > 0)
    _shot(driver, "agent-audio")
    # a colleague's contact, typed into the address bar: not found
    _go(driver, live, "/contact/c-a-02-001", "#not-found")
    _go(driver, live, "/management", "#not-allowed")
    _shot(driver, "agent-denied")


def test_team_leader_sees_own_team_only(driver, live_sqlite):
    from selenium.webdriver.common.by import By

    live = live_sqlite
    browser.login(driver, live.url, "tl-noord", PASSWORD)
    browser.wait_for(driver, "#tl-glance-table")
    browser.wait_for(driver, "#tl-contacts-table")
    browser.wait_idle(driver)
    _shot(driver, "team-leader")
    table = driver.find_element(By.ID, "tl-glance-table").text
    assert "Anna Noordhof" in table and "Bram Noordman" in table
    assert "Chris Zuidema" not in driver.page_source and "Dana Zuidhof" not in driver.page_source
    _go(driver, live, f"/contact/{HOSTILE_ID}", "#not-found")


def test_hostile_chat_text_shows_as_text(driver, live_sqlite):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    live = live_sqlite
    browser.login(driver, live.url, "tl-zuid", PASSWORD)
    _go(driver, live, f"/contact/{HOSTILE_ID}", "#transcript")
    turn = driver.find_element(By.ID, "turn-1").text
    assert "<script>alert('xss')</script>" in turn and "{{ 7*7 }}" in turn and "<b>vet</b>" in turn
    assert not driver.find_elements(By.CSS_SELECTOR, "#transcript b, #transcript img, #transcript script")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    assert HOSTILE.split()[0] in turn
    _shot(driver, "hostile-text")


def test_management_sees_aggregates_not_contacts(driver, live_sqlite):
    from selenium.webdriver.common.by import By

    live = live_sqlite
    browser.login(driver, live.url, "mgmt", PASSWORD)
    browser.wait_for(driver, "#management-page")
    browser.wait_idle(driver)
    browser.wait_for(driver, "#mg-drivers .js-plotly-plot")
    _shot(driver, "management")
    assert len(driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")) == 6
    assert "n=" in driver.find_element(By.ID, "mg-pass").text or "n=" in driver.page_source
    for leak in ("c-a-0", "Anna Noordhof", "Geholpen door", HOSTILE_ID):
        assert leak not in driver.page_source
    _go(driver, live, "/contact/c-a-01-000", "#not-allowed")


def test_trainer_and_admin_pages(driver, live_sqlite):
    from selenium.webdriver.common.by import By

    live = live_sqlite
    browser.login(driver, live.url, "trainer", PASSWORD)
    browser.wait_for(driver, "#library-page")
    browser.wait_for(driver, "#lib-pick a")  # the list is filled by a callback: check it once it is there
    _shot(driver, "trainer")
    # Agents appear under pseudonyms: no agent's name anywhere in the page (the evidence quotes
    # included), and no contact id (which names the agent in this centre) in the text shown; the
    # ids stay in the links' and options' attributes, which the trainer's routes check.
    src = driver.page_source
    for name in ("Anna Noordhof", "Bram Noordman", "Noordhof"):
        assert name not in src
    shown = driver.find_element(By.ID, "library-page").text
    assert "▶" in shown  # the list is there (one link per example) ...
    assert "c-a-0" not in shown  # ... without the contact ids
    _go(driver, live, "/contact/c-a-01-000", "#not-allowed")
    browser.login(driver, live.url, "admin", PASSWORD)
    browser.wait_for(driver, "#users-table")
    assert "tl-noord" in driver.find_element(By.ID, "users-table").text
    driver.find_element(By.ID, "new-username").send_keys("nieuw")
    driver.find_element(By.ID, "new-password").send_keys("een lang wachtwoord")
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "new-role")).select_by_value("team_leader")
    driver.find_element(By.ID, "new-teams").send_keys("team-zuid")
    browser.click(driver, driver.find_element(By.ID, "add-user"))
    browser.wait_for(driver, "#users-table")
    assert "nieuw" in driver.find_element(By.ID, "users-table").text
    from opstore.users import get_user

    assert get_user(live.store, "nieuw").teams == ("team-zuid",)
    _shot(driver, "admin")
