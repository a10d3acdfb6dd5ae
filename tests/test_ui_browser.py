"""The chat page in headless Chromium: the answer's states (draft, checked, set aside,
refused), source cards opened from [n], a PDF's page image, 👎 with a comment, a chat
that survives a reload, the English page. Fake-embedder index; a scripted model where the
states need one. Screenshots land in tests/artifacts/, and in docs/screenshots/ with
RAGQA_DOC_SHOTS=1."""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from fakes import CORPUS, DATA, HashEmbedder, ScriptedGenerator, serve_fake_ui

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore:.*(no_silent_downcasting|copy keyword).*")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).parent / "artifacts"
DOC_SHOTS = Path(__file__).parents[1] / "docs" / "screenshots"
EVAL_REPORTS = Path(__file__).parents[1] / "eval" / "reports"
# Entities survive ingestion as literal markup (the cleaner strips tags, then unescapes).
ZEBRA = "# Zebra Firmware Notes\n\nThe zebra firmware banner prints &lt;script&gt;alert(1)&lt;/script&gt; on boot.\n"
HANGUL = re.compile(r"[가-힣]")
WRONG = "2024년 반도체 수출액은 9,999억 달러입니다 [1]."
RIGHT = "2024년 반도체 수출액은 1,419억 달러입니다 [1]."

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


class SlowScript(ScriptedGenerator):
    """Scripted replies streamed slowly enough for the page to show the draft."""

    delay = 0.4

    def stream(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float,
               fresh: bool = False) -> Iterator[str]:
        pieces = super().stream(messages, max_tokens=max_tokens, temperature=temperature, fresh=fresh)
        for piece in pieces:
            time.sleep(self.delay)
            yield piece


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    root = tmp_path_factory.mktemp("browser")
    app, url, settings, _ = serve_fake_ui(root, {**CORPUS, "zebra.md": ZEBRA}, eval_dir=EVAL_REPORTS)
    yield url, settings
    app.close()


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page whose model answers wrong twice (the quote stands), then right. The corpus holds
    English reports too, so a Korean question is first rendered in English."""
    root = tmp_path_factory.mktemp("scripted")
    rendered = "How much were semiconductor exports in 2024?"
    model = SlowScript(rendered, WRONG, WRONG, rendered, RIGHT, pieces=4)
    app, url, _, _ = serve_fake_ui(root, CORPUS, load_generator=lambda settings: model)
    yield url
    app.close()


def chromium() -> object:
    """Headless Chromium in Korean; the caller quits it."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--lang=ko-KR"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ko-KR,ko"})
    # An explicit driver path: Selenium Manager never runs, so nothing is downloaded.
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(60)
    return browser


def _open(driver: object, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#question textarea")))
    # The page's load events have run: the starter questions come from the index.
    WebDriverWait(driver, 30).until(lambda d: "?" in d.find_element(By.ID, "starters").text)


def _state(driver: object) -> str:
    """The last answer's state: pending, drafting, final, fallback, refusal or error."""
    return driver.execute_script(
        "const t = document.querySelectorAll('#chat .turn'); if (!t.length) return '';"
        "return [...t[t.length - 1].classList].filter(c => c !== 'turn').join(' ');")


def _ask(driver: object, question: str, until: tuple[str, ...] = ("final", "fallback", "refusal", "error")) -> object:
    before = len(driver.find_elements(By.CSS_SELECTOR, "#chat .turn"))
    box = WebDriverWait(driver, 30).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#question textarea")))
    box.clear()
    box.send_keys(question, Keys.ENTER)
    WebDriverWait(driver, 60).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chat .turn")) > before and _state(d) in until)
    return driver.find_elements(By.CSS_SELECTOR, "#chat .turn")[-1]


def _tab(driver: object, label: str) -> None:
    tab = next(b for b in driver.find_elements(By.CSS_SELECTOR, "button[role='tab']") if b.text.strip() == label)
    tab.click()


def _shot(driver: object, name: str) -> None:
    """A screenshot in tests/artifacts/ and, when asked, a small copy for the README."""
    ARTIFACTS.mkdir(exist_ok=True)
    png = driver.get_screenshot_as_png()
    (ARTIFACTS / name).write_bytes(png)
    if os.environ.get("RAGQA_DOC_SHOTS"):
        from PIL import Image

        DOC_SHOTS.mkdir(parents=True, exist_ok=True)
        image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=96)
        image.save(DOC_SHOTS / name, optimize=True)


def test_marker_opens_its_card_and_a_pdf_shows_its_page(served: tuple, driver: object) -> None:
    url, _ = served
    _open(driver, url)
    assert "보고서 QA" in driver.title
    turn = _ask(driver, "2024년 반도체 수출액은 얼마인가?")
    assert "검색" in turn.find_element(By.CLASS_NAME, "trail").text
    card = turn.find_element(By.CSS_SELECTOR, "details.src")
    assert card.get_attribute("id") == turn.find_element(By.CSS_SELECTOR, "a.cite").get_attribute("href").split("#")[1]
    assert card.get_attribute("open") is None
    turn.find_element(By.CSS_SELECTOR, "a.cite").click()
    WebDriverWait(driver, 10).until(lambda d: card.get_attribute("open") is not None)
    assert card.find_element(By.TAG_NAME, "mark").text.startswith("2024년 반도체 수출액은 1,419억 달러")
    assert "메모리 반도체 가격 회복" in card.text and driver.current_url.rstrip("/") == url.rstrip("/")

    # Report text that carries markup is shown literally, and nothing runs.
    turn = _ask(driver, "What does the zebra firmware banner print on boot?")
    assert "<script>alert(1)</script>" in turn.text
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018

    _tab(driver, "보고서")
    upload = WebDriverWait(driver, 30).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#upload input[type='file']")))
    upload.send_keys(str(DATA / "korean_report.pdf"))
    WebDriverWait(driver, 30).until(lambda d: "korean_report" in d.find_element(By.ID, "upload").text)
    driver.find_element(By.ID, "add").click()
    summary = driver.find_element(By.ID, "upload-summary")
    WebDriverWait(driver, 60).until(lambda d: "추가됨: 1" in summary.text)
    WebDriverWait(driver, 30).until(lambda d: "양자컴퓨팅 산업 동향 2025" in d.find_element(By.ID, "reports").text)
    _shot(driver, "reports.png")

    _tab(driver, "채팅")
    turn = _ask(driver, "국내 양자컴퓨팅 스타트업은 몇 개인가?")
    assert "37개" in turn.find_element(By.CLASS_NAME, "answer-text").text
    turn.find_element(By.CSS_SELECTOR, "a.cite").click()
    image = turn.find_element(By.CSS_SELECTOR, "details.src[open] figure.page-image img")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 300", image))
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", turn)
    _shot(driver, "answer-sources.png")


def test_refusal_is_its_own_card(served: tuple, driver: object) -> None:
    url, _ = served
    _open(driver, url)
    turn = _ask(driver, "화성 탐사 로버의 바퀴는 몇 개인가?")
    card = turn.find_element(By.CLASS_NAME, "refusal-card")
    assert "보고서에 없음" in card.text and "가장 가까운 구절" in card.text and "보고서가 다루는 것" in card.text
    assert "반도체 수출 동향" in card.text
    _shot(driver, "refusal.png")


def test_failed_check_shows_the_note_and_the_quote(scripted: str, driver: object) -> None:
    _open(driver, scripted)
    box = driver.find_element(By.CSS_SELECTOR, "#question textarea")
    box.send_keys("2024년 반도체 수출액은 얼마인가?", Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chat .turn .draft-box"))
    draft = driver.find_element(By.CSS_SELECTOR, "#chat .turn .draft-box")
    assert "초안 · 근거와 대조 중" in draft.text
    _shot(driver, "draft.png")
    WebDriverWait(driver, 60).until(lambda d: _state(d) == "fallback")
    turn = driver.find_elements(By.CSS_SELECTOR, "#chat .turn")[-1]
    assert "모델의 답이 근거와 맞지 않아 인용문으로 대신합니다" in turn.find_element(By.CLASS_NAME, "note").text
    answer = turn.find_element(By.CLASS_NAME, "answer-text").text
    assert "1,419억 달러" in answer and "9,999" not in turn.text
    assert "검증 ✗" in turn.find_element(By.CLASS_NAME, "trail").text
    _shot(driver, "fallback.png")

    turn = _ask(driver, "2024년 반도체 수출액은 얼마인가?")  # rendered again; the third draft is right
    assert "검증 ✓" in turn.find_element(By.CLASS_NAME, "trail").text and not turn.find_elements(By.CLASS_NAME, "note")
    assert turn.find_element(By.CLASS_NAME, "answer-text").text == "2024년 반도체 수출액은 1,419억 달러입니다 [1]."


def test_thumbs_down_with_a_comment_is_exported_and_survives_a_rebuild(served: tuple, driver: object) -> None:
    from index.build import ingest_paths
    from ragqa.cli.main import main

    url, settings = served
    _open(driver, url)
    _ask(driver, "수소 충전소는 몇 기가 운영 중인가?")
    down = driver.find_elements(By.CSS_SELECTOR, "#chat button[aria-label='Dislike'], "
                                                 "#chat button[aria-label='싫어요']")[-1]
    down.click()
    WebDriverWait(driver, 20).until(lambda d: "👎" in d.find_element(By.ID, "fb-status").text)
    driver.find_element(By.CSS_SELECTOR, "#fb-comment textarea").send_keys("숫자는 맞지만 출처가 오래됨")
    driver.find_element(By.CSS_SELECTOR, "#fb-correction textarea").send_keys("359기")
    _shot(driver, "feedback.png")
    driver.find_element(By.ID, "fb-send").click()
    WebDriverWait(driver, 20).until(lambda d: "저장했습니다" in d.find_element(By.ID, "fb-status").text)

    def exported() -> str:
        out = io.StringIO()
        with redirect_stdout(out):
            assert main(["feedback", "export", "--json", "--index", str(settings.index_dir)]) == 0
        return out.getvalue()

    assert '"comment": "숫자는 맞지만 출처가 오래됨"' in exported() and '"correction": "359기"' in exported()
    ingest_paths([settings.index_dir.parent / "corpus"], settings.index_dir, HashEmbedder(), rebuild=True)
    assert '"comment": "숫자는 맞지만 출처가 오래됨"' in exported()

    driver.find_element(By.ID, "fb-box").click()  # the user's own entries, to see and delete
    WebDriverWait(driver, 20).until(lambda d: "숫자는 맞지만" in d.find_element(By.ID, "my-feedback").text)


def test_a_conversation_survives_a_reload(served: tuple, driver: object) -> None:
    url, _ = served
    _open(driver, url)
    driver.find_element(By.ID, "new-chat").click()
    _ask(driver, "Arabica coffee bean prices in December 2024?")
    WebDriverWait(driver, 20).until(lambda d: "Arabica coffee" in d.find_element(By.ID, "conversations").text)
    driver.refresh()
    _open(driver, url)
    assert not driver.find_elements(By.CSS_SELECTOR, "#chat .turn")
    chats = driver.find_element(By.ID, "conversations")
    WebDriverWait(driver, 20).until(lambda d: "Arabica coffee" in chats.text)
    next(label for label in chats.find_elements(By.TAG_NAME, "label") if "Arabica" in label.text).click()
    WebDriverWait(driver, 20).until(lambda d: _state(d) == "final")
    assert "3.44 dollars per pound" in driver.find_element(By.ID, "chat").text
    _shot(driver, "conversations.png")

    driver.find_element(By.ID, "conv-delete").click()
    WebDriverWait(driver, 20).until(lambda d: "Arabica coffee" not in d.find_element(By.ID, "conversations").text)


def test_english_page_has_no_korean_system_text(served: tuple, driver: object) -> None:
    from ragqa.page.text import TEXT

    url, _ = served
    _open(driver, url + "?lang=en")
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "ask").text == "Ask")
    driver.find_element(By.ID, "new-chat").click()
    turn = _ask(driver, "What does the zebra firmware banner print on boot?")
    assert "According to [1]:" in turn.text and "search" in turn.find_element(By.CLASS_NAME, "trail").text
    turn = _ask(driver, "How many penguins live in Antarctica?")
    assert "Not in the reports" in turn.text
    page = driver.find_element(By.TAG_NAME, "body").text
    korean = [v.split("{")[0] for k, v in TEXT["ko"].items()
              if HANGUL.search(v) and not k.startswith("lang_") and k != "all" and len(v.split("{")[0]) > 1]
    assert [k for k in korean if k in page] == []
    _shot(driver, "english.png")

    _tab(driver, "Eval")
    headline = driver.find_element(By.ID, "eval-headline")
    WebDriverWait(driver, 20).until(lambda d: "open-book" in headline.text or "No eval report" in headline.text)
    assert not HANGUL.search(headline.text)
    _shot(driver, "eval.png")


def test_starter_fills_the_question_and_removal_asks_first(served: tuple, driver: object) -> None:
    url, settings = served
    _open(driver, url)
    starter = driver.find_elements(By.CSS_SELECTOR, "#starters button")[0]
    text = starter.text
    starter.click()
    box = driver.find_element(By.CSS_SELECTOR, "#question textarea")
    WebDriverWait(driver, 10).until(lambda d: box.get_attribute("value") == text)

    _tab(driver, "보고서")
    pick = WebDriverWait(driver, 20).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#to-remove input")))
    pick.click()
    pick.send_keys("Zebra")
    option = WebDriverWait(driver, 10).until(lambda d: next(
        (o for o in d.find_elements(By.CSS_SELECTOR, "#to-remove li[role='option']") if "zebra.md" in o.text), None))
    option.click()
    driver.find_element(By.ID, "remove").click()
    summary = driver.find_element(By.ID, "upload-summary")
    WebDriverWait(driver, 20).until(lambda d: "정말 지울까요" in summary.text)
    assert "zebra.md" in summary.text and "Zebra Firmware Notes" in driver.find_element(By.ID, "reports").text
    driver.find_element(By.ID, "confirm-remove").click()
    WebDriverWait(driver, 30).until(lambda d: "zebra.md: 삭제됨" in summary.text)
    WebDriverWait(driver, 20).until(lambda d: "Zebra Firmware Notes" not in d.find_element(By.ID, "reports").text)
    assert not any(b.is_displayed() for b in driver.find_elements(By.ID, "confirm-remove"))  # asked once
