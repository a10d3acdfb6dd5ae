"""Signing in to the chat page with a workspace key, in headless Chromium (issue 27): the
login asks for the key, and the signed-in page shows and answers from its workspace only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakes import CORPUS, serve_fake_ui
from test_ui_browser import EC, By, WebDriverWait, _ask, _tab

from ragqa.live import workspace
from ragqa.live.workspace import Caller
from ragqa.stores.keys import KeyStore, Role, keys_path

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*")]

ALPHA = "# 나이트자 프로젝트 예산\n\n나이트자 프로젝트의 2025년 예산은 731억 원으로 확정되었다.\n"


@pytest.fixture(scope="module")
def teams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    root = tmp_path_factory.mktemp("teams")
    keys = KeyStore(keys_path(root / "index"))
    tokens = {"alpha-ed": keys.add("alpha-ed", "alpha", "editor"), "beta-ed": keys.add("beta-ed", "beta", "editor")}
    app, url, _, _ = serve_fake_ui(root, CORPUS)
    workspace.ingest_uploads(app.session, Caller("alpha", Role.EDITOR, "alpha-ed"), [("alpha.md", ALPHA.encode())])
    yield url, tokens
    app.close()


def _sign_in(driver: object, url: str, name: str, token: str) -> None:
    driver.delete_all_cookies()
    driver.get(url)
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type='password']")))
    driver.find_element(By.CSS_SELECTOR, "input[type='text']").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "input[type='password']").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "button.primary").click()  # "로그인": the browser's language
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#question textarea")))
    WebDriverWait(driver, 30).until(lambda d: "?" in d.find_element(By.ID, "starters").text)


def _library(driver: object) -> str:
    _tab(driver, "보고서")
    WebDriverWait(driver, 30).until(lambda d: "semiconductor.txt" in d.find_element(By.ID, "reports").text)
    text = driver.find_element(By.ID, "reports").text
    _tab(driver, "채팅")
    return text


def test_a_signed_in_page_shows_and_answers_from_its_workspace_only(teams: tuple, driver: object) -> None:
    url, tokens = teams
    driver.delete_all_cookies()
    driver.get(url)
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type='password']")))
    assert not driver.find_elements(By.CSS_SELECTOR, "#question textarea")  # nothing before signing in

    _sign_in(driver, url, "beta-ed", tokens["beta-ed"])
    assert "alpha.md" not in _library(driver)
    assert "731" not in _ask(driver, "나이트자 프로젝트의 2025년 예산은 얼마인가?").text

    _sign_in(driver, url, "alpha-ed", tokens["alpha-ed"])
    assert "alpha.md" in _library(driver)
    assert "731억" in _ask(driver, "나이트자 프로젝트의 2025년 예산은 얼마인가?").text
