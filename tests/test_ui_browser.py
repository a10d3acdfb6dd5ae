"""The chat page in headless Chromium: ask, watch the answer and its sources arrive, upload a
report through the page and ask about it. Uses the fake-embedder index and no model, so it
checks the page, not the answers' quality. Screenshots land in tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import CORPUS, DATA, serve_fake_ui

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).parent / "artifacts"
# Entities survive ingestion as literal markup (the cleaner strips tags, then unescapes).
ZEBRA = "# Zebra Firmware Notes\n\nThe zebra firmware banner prints &lt;script&gt;alert(1)&lt;/script&gt; on boot.\n"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("headless browser test needs Debian chromium and chromium-driver "
                "(apt-get install -y chromium chromium-driver)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install -e '.[test]'")

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    app, served_url, _, _ = serve_fake_ui(root, {**CORPUS, "zebra.md": ZEBRA})
    yield served_url
    app.close()


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1440,1100", "--lang=ko-KR"):
        options.add_argument(arg)
    # An explicit driver path: Selenium Manager never runs, so nothing is downloaded.
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()


def _ask(driver: object, question: str, expect: str) -> str:
    box = WebDriverWait(driver, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#question textarea")))
    box.clear()
    box.send_keys(question, Keys.ENTER)
    chat = driver.find_element(By.ID, "chat")
    WebDriverWait(driver, 60).until(lambda d: expect in chat.text and "evidence" not in _last_bot(d))
    return _last_bot(driver)


def _last_bot(driver: object) -> str:
    bots = driver.find_elements(By.CSS_SELECTOR, "#chat .message.bot, #chat [data-testid='bot']")
    return bots[-1].text if bots else ""


def _tab(driver: object, label: str) -> None:
    tab = next(b for b in driver.find_elements(By.CSS_SELECTOR, "button[role='tab']") if label in b.text)
    tab.click()


def test_ask_upload_and_ask_again(url: str, driver: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.get(url)
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#question textarea")))
    assert "보고서 QA" in driver.title

    answer = _ask(driver, "2024년 반도체 수출액은 얼마인가?", "1,419억")
    assert "[1] 반도체 수출 동향, § 반도체 수출 동향" in answer
    sources = driver.find_element(By.ID, "sources")
    WebDriverWait(driver, 30).until(lambda d: "반도체 수출 동향" in sources.text)
    passage = driver.find_element(By.CSS_SELECTOR, "#passage textarea")
    WebDriverWait(driver, 30).until(lambda d: "메모리 반도체 가격 회복" in passage.get_attribute("value"))
    driver.save_screenshot(str(ARTIFACTS / "ui-chat.png"))

    # Report text that carries markup is shown literally, and nothing runs.
    answer = _ask(driver, "What does the zebra firmware banner print on boot?", "Zebra Firmware Notes")
    assert "<script>alert(1)</script>" in answer
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert "<script>alert(1)</script>" in driver.find_element(By.ID, "sources").text

    _tab(driver, "보고서 Reports")
    upload = WebDriverWait(driver, 30).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#upload input[type='file']")))
    upload.send_keys(str(DATA / "korean_report.pdf"))
    WebDriverWait(driver, 30).until(lambda d: "korean_report" in d.find_element(By.ID, "upload").text)
    driver.find_element(By.ID, "add").click()
    summary = driver.find_element(By.ID, "upload-summary")
    WebDriverWait(driver, 60).until(lambda d: "added: 1" in summary.text)
    WebDriverWait(driver, 30).until(lambda d: "양자컴퓨팅 산업 동향 2025" in d.find_element(By.ID, "reports").text)
    driver.save_screenshot(str(ARTIFACTS / "ui-reports.png"))

    _tab(driver, "채팅 Chat")
    answer = _ask(driver, "국내 양자컴퓨팅 스타트업은 몇 개인가?", "37개")
    assert "양자컴퓨팅 산업 동향 2025, p. 2" in answer
    answer = _ask(driver, "그럼 2024년은?", "질문 재구성")
    assert "2024년 국내 양자컴퓨팅 스타트업은 몇 개인가?" in answer
    driver.save_screenshot(str(ARTIFACTS / "ui-chat-upload.png"))
