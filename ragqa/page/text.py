"""Every word the chat page says, in Korean and English: the page follows the language the
user picks, so no label carries both languages and no system message is left untranslated."""

from __future__ import annotations

from typing import Any

LANGS = {"한국어": "ko", "English": "en"}

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        "intro": "# 보고서 QA\n보고서에 대해 질문하세요. 답에는 보고서 제목·쪽·인용문이 붙고, 보고서에 없으면 없다고 "
                 "답합니다. 후속 질문(\"그럼 중국은?\")은 앞 질문을 이어받습니다.",
        "tab_chat": "채팅", "tab_reports": "보고서", "tab_eval": "평가",
        "chat": "대화",
        "question": "보고서에 대해 물어보세요 (예: 이 보고서의 핵심 수치는?)",
        "ask": "묻기", "new_chat": "새 대화", "starters": "이런 것을 물어보세요",
        "scope": "이 보고서에서만 찾기 (비우면 전체)",
        "generator_box": "생성기", "generator": "생성기", "model": "내장 모델 (default, small, .gguf)",
        "base_url": "OpenAI 호환 서버 주소", "openai_model": "OpenAI 모델",
        "conversations": "지난 대화", "conv_delete": "대화 삭제", "conv_deleted": "대화를 지웠습니다.",
        "conv_untitled": "(제목 없음)",
        # answer states
        "step_search": "검색", "step_evidence": "근거", "step_writing": "작성", "step_rewriting": "다시 작성",
        "step_checked": "검증 ✓", "step_failed": "검증 ✗", "step_quoted": "인용", "step_no_model": "인용 (모델 없음)",
        "step_none": "근거 없음", "step_refused": "보고서에 없음", "total": "총", "first_token": "첫 토큰",
        "problem_empty": "빈 답", "problem_no-citation": "인용 번호 없음", "problem_missing-evidence": "없는 근거를 인용",
        "problem_number": "근거에 없는 숫자", "problem_constraint": "다른 연도·대상의 근거", "problem_language": "질문과 다른 언어",
        "problem_no-number": "수치를 묻는 질문에 수치 없음", "problem_unsupported": "근거가 뒷받침하지 않는 문장",
        "rewrite": "질문 재구성: {q}", "evidence": "근거", "draft": "초안 · 근거와 대조 중",
        "retry": "모델의 답이 근거와 맞지 않아 다시 씁니다.",
        "fallback": "모델의 답이 근거와 맞지 않아 인용문으로 대신합니다.",
        "abstain_after": "모델의 답이 질문과 다른 대상을 말해, 보고서에 없는 것으로 답합니다.",
        "sources": "출처", "other_passages": "함께 찾은 구절", "page_image": "{page}쪽 원본",
        "refusal_title": "보고서에 없음", "closest": "가장 가까운 구절", "covers": "보고서가 다루는 것",
        # errors and pop-ups
        "error": "오류", "hint_index": "보고서 탭에서 보고서를 올리세요.",
        "hint_model": "생성기 설정에서 extractive를 고르면 모델 없이 답합니다.", "fb_up": "👍 좋아요로 저장했습니다. 의견을 덧붙일 수 있습니다.",
        "fb_down": "👎 싫어요로 저장했습니다. 무엇이 틀렸는지 알려 주세요.",
        "fb_comment": "의견 (선택)", "fb_correction": "맞는 답은 … (선택)", "fb_send": "의견 보내기",
        "fb_saved": "고맙습니다. 의견을 저장했습니다.", "fb_none": "먼저 답 아래의 👍 또는 👎를 누르세요.",
        "fb_not_answer": "답이 아닌 메시지입니다.", "fb_mine": "내 피드백", "fb_pick": "지울 항목",
        "fb_delete": "삭제", "fb_deleted": "지웠습니다.", "fb_missing": "지울 항목이 없습니다.",
        "fb_headers": "번호|시각|평가|질문|의견|맞는 답",
        # library
        "reports_intro": "PDF, .txt, .md 보고서를 올리면 바로 질문할 수 있습니다.",
        "upload": "보고서 올리기", "add": "색인에 추가", "indexed": "색인된 보고서",
        "report_headers": "제목|파일|청크|쪽", "report_pick": "보고서 선택", "remove": "삭제",
        "confirm_remove": "정말 지울까요: {name}", "confirm": "삭제 확인", "cancel": "취소",
        "choose_files": "올릴 파일을 고르세요 (PDF, .txt, .md).", "choose_report": "지울 보고서를 고르세요.",
        "removed": "{name}: 삭제됨", "added": "추가됨", "updated": "갱신됨", "unchanged": "변경 없음",
        "duplicate": "중복", "failed": "실패", "duplicate_of": "{name}: 중복 ({twin}와 같음)",
        "failed_file": "{name}: 실패: {reason}", "ingest_done": "청크 {embedded}개를 임베딩했고 색인에는 {total}개가 "
                                                           "있습니다 ({seconds:.1f}초).",
        "received": "{n}개 파일을 받았습니다",
        "starter_section": "{title}에서 {section}에 대해 무엇을 말하나요?",
        "starter_title": "{title}의 핵심 내용은 무엇인가요?",
        # eval
        "eval_run": "평가 실행", "eval_refresh": "새로고침", "eval_detail": "개발자용 상세",
        "eval_none": "아직 평가 보고서가 없습니다. `ragqa eval`을 실행하세요.",
        "eval_headline": "보고서를 보고 답하면(open-book) 답할 수 있는 질문의 **{open:.1%}**를, 보지 않고 "
                         "답하면(closed-book) **{closed:.1%}**를 맞혔습니다.",
        "eval_headline_open": "보고서를 보고 답하면(open-book) 답할 수 있는 질문의 **{open:.1%}**를 맞혔습니다 "
                              "(이 실행은 closed-book 없이 했습니다).",
        "eval_headers": "언어|문항|보지 않고 (closed)|보고 (open)|차이 (점)|인용 정확도",
        "eval_meta": "생성기 {generator} · 문항 {n}개 · {date}", "all": "전체", "lang_ko": "한국어", "lang_en": "영어",
        "ui_lang": "언어",
    },
    "en": {
        "intro": "# Report QA\nAsk about the reports. Answers cite the report, page and quoted sentence, or say "
                 "the reports do not cover it. Follow-ups (\"what about 2022?\") build on the previous question.",
        "tab_chat": "Chat", "tab_reports": "Reports", "tab_eval": "Eval",
        "chat": "Conversation",
        "question": "Ask about the reports (e.g. what are this report's key figures?)",
        "ask": "Ask", "new_chat": "New chat", "starters": "Try asking",
        "scope": "Search only these reports (empty: all)",
        "generator_box": "Generator", "generator": "Generator", "model": "Embedded model (default, small, .gguf)",
        "base_url": "OpenAI-compatible base URL", "openai_model": "OpenAI model",
        "conversations": "Past chats", "conv_delete": "Delete chat", "conv_deleted": "Chat deleted.",
        "conv_untitled": "(untitled)",
        "step_search": "search", "step_evidence": "evidence", "step_writing": "writing",
        "step_rewriting": "rewriting", "step_checked": "checked ✓", "step_failed": "check failed ✗",
        "step_quoted": "quoted", "step_no_model": "quoted (no model)", "step_none": "no evidence",
        "step_refused": "not in the reports", "total": "total", "first_token": "first token",
        "problem_empty": "empty answer", "problem_no-citation": "no citation", "problem_missing-evidence":
        "cites evidence never shown", "problem_number": "a number not in the evidence", "problem_constraint":
        "evidence about another year or subject", "problem_language": "not in the question's language",
        "problem_no-number": "no figure for a question that asks one",
        "problem_unsupported": "a sentence no evidence supports",
        "rewrite": "Asked as: {q}", "evidence": "Evidence", "draft": "Draft · being checked against the evidence",
        "retry": "The model's answer did not match the evidence; it is writing again.",
        "fallback": "The model's answer did not match the evidence, so the quote stands instead.",
        "abstain_after": "The model answered about something else, so the reports do not cover this.",
        "sources": "Sources", "other_passages": "Also found", "page_image": "Page {page} of the original",
        "refusal_title": "Not in the reports", "closest": "Closest passages", "covers": "What the reports cover",
        "error": "Error", "hint_index": "Upload a report in the Reports tab.",
        "hint_model": "Choose the extractive generator to answer without a model.",
        "fb_up": "👍 saved. You can add a comment.",
        "fb_down": "👎 saved. Tell us what was wrong.",
        "fb_comment": "Comment (optional)", "fb_correction": "The right answer is … (optional)",
        "fb_send": "Send feedback", "fb_saved": "Thank you, your feedback is saved.",
        "fb_none": "Click 👍 or 👎 under an answer first.", "fb_not_answer": "That message is not an answer.",
        "fb_mine": "My feedback", "fb_pick": "Entry to delete", "fb_delete": "Delete", "fb_deleted": "Deleted.",
        "fb_missing": "Nothing to delete.", "fb_headers": "id|time|rating|question|comment|right answer",
        "reports_intro": "Upload PDF, .txt or .md reports; they are answerable at once.",
        "upload": "Upload reports", "add": "Add to index", "indexed": "Indexed reports",
        "report_headers": "Title|File|Chunks|Pages", "report_pick": "Report", "remove": "Remove",
        "confirm_remove": "Really remove {name}?", "confirm": "Yes, remove", "cancel": "Cancel",
        "choose_files": "Choose PDF, .txt or .md files first.", "choose_report": "Choose a report to remove.",
        "removed": "{name}: removed", "added": "added", "updated": "updated", "unchanged": "unchanged",
        "duplicate": "duplicates", "failed": "failed", "duplicate_of": "{name}: duplicate of {twin}",
        "failed_file": "{name}: failed: {reason}",
        "ingest_done": "{embedded} chunks embedded, {total} in the index ({seconds:.1f}s).",
        "received": "{n} file(s) received",
        "starter_section": "What does {title} say about {section}?",
        "starter_title": "What are the key points of {title}?",
        "eval_run": "Eval run", "eval_refresh": "Refresh", "eval_detail": "Developer detail",
        "eval_none": "No eval report yet; run `ragqa eval`.",
        "eval_headline": "Reading the reports (open-book), the assistant answered **{open:.1%}** of the answerable "
                         "questions correctly; without them (closed-book), **{closed:.1%}**.",
        "eval_headline_open": "Reading the reports (open-book), the assistant answered **{open:.1%}** of the "
                              "answerable questions correctly (this run had no closed-book part).",
        "eval_headers": "Language|Questions|Closed-book|Open-book|Lift, points|Citations correct",
        "eval_meta": "generator {generator} · {n} questions · {date}", "all": "All", "lang_ko": "Korean",
        "lang_en": "English", "ui_lang": "Language",
    },
}


def t(lang: str, key: str, **values: Any) -> str:
    text = TEXT.get(lang, TEXT["ko"])[key]
    return text.format(**values) if values else text


def headers(lang: str, key: str) -> list[str]:
    return t(lang, key).split("|")


def update(**changes: Any) -> dict[str, Any]:
    """What ``gr.update`` returns, so the page modules can change a component's props
    without importing Gradio (ui.py stays the only module that does)."""
    return {"__type__": "update", **changes}


# Component name -> the property and catalog key it is labelled with; ui.py names its
# components the same way and relabels them all when the language switch changes.
LABELS: dict[str, tuple[str, str]] = {
    "intro": ("value", "intro"), "chatbot": ("label", "chat"), "message": ("placeholder", "question"),
    "send": ("value", "ask"), "clear": ("value", "new_chat"), "generator": ("label", "generator"),
    "model": ("label", "model"), "base_url": ("label", "base_url"), "openai_model": ("label", "openai_model"),
    "fb_comment": ("label", "fb_comment"), "fb_correction": ("label", "fb_correction"),
    "fb_send": ("value", "fb_send"), "fb_pick": ("label", "fb_pick"), "fb_delete": ("value", "fb_delete"),
    "conv_pick": ("label", "conversations"), "conv_delete": ("value", "conv_delete"),
    "reports_intro": ("value", "reports_intro"), "files": ("label", "upload"), "add": ("value", "add"),
    "reports": ("label", "indexed"), "to_remove": ("label", "report_pick"), "remove_btn": ("value", "remove"),
    "confirm_btn": ("value", "confirm"), "cancel_btn": ("value", "cancel"), "eval_pick": ("label", "eval_run"),
    "eval_refresh": ("value", "eval_refresh"), "starters": ("label", "starters"),
    "tab_chat": ("label", "tab_chat"), "tab_reports": ("label", "tab_reports"), "tab_eval": ("label", "tab_eval"),
    "eval_detail": ("label", "eval_detail"), "gen_box": ("label", "generator_box"),
    "fb_box": ("label", "fb_mine"), "lang": ("label", "ui_lang"), "scope": ("label", "scope"),
}


def relabel(lang: str, names: list[str]) -> list[dict[str, Any]]:
    """One update per named component, in order, for the language switch."""
    out = []
    for name in names:
        prop, key = LABELS[name]
        out.append(update(**{prop: t(lang, key)}))
    return out
