"""How the chat page looks (CSS) and the one behaviour HTML alone lacks (HEAD): a click on
an answer's [n] marker opens source card n of that answer and scrolls to it."""

CSS = """
.gradio-container { max-width: 1400px !important; margin: 0 auto; }
#intro p { color: var(--body-text-color-subdued); margin-top: 0; }
#reports *, #my-feedback *, #eval-table * { font-family: var(--font) !important; }
.turn p { margin: 0.25em 0; }
.turn .trail { font-size: 0.82em; color: var(--body-text-color-subdued); }
.turn .trail .step.now { font-weight: 600; color: var(--color-accent); }
.turn .trail .step.ok { color: #15803d; font-weight: 600; }
.turn .trail .step.bad { color: #b45309; font-weight: 600; }
.turn .rewrite { font-size: 0.85em; font-style: italic; color: var(--body-text-color-subdued); }
.turn .note { border-left: 3px solid #d97706; background: rgba(217, 119, 6, 0.08); padding: 4px 8px; }
.turn .badge { display: inline-block; font-size: 0.75em; font-weight: 600; padding: 1px 6px; border-radius: 4px;
               margin-bottom: 4px; background: var(--block-label-background-fill); }
.turn .evidence-box { border-left: 3px solid var(--color-accent); padding: 2px 8px; margin: 4px 0; }
.turn .draft-box { border: 1px dashed #a8a29e; border-radius: 6px; padding: 4px 8px; margin: 6px 0; opacity: 0.75; }
.turn .draft-box .draft-text { font-style: italic; }
.turn .answer-text { font-size: 1.02em; margin: 6px 0; }
.turn .answer-text p { margin: 0 0 6px 0; }
.turn table.comparison { border-collapse: collapse; margin: 6px 0; }
.turn table.comparison th, .turn table.comparison td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
.turn a.cite { text-decoration: none; font-weight: 600; cursor: pointer; }
.turn .sources-head { font-size: 0.8em; font-weight: 600; margin-top: 8px !important;
                      color: var(--body-text-color-subdued); }
.turn details.src { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 4px 8px;
                    margin: 4px 0; }
.turn details.src summary { cursor: pointer; }
.turn details.src .where { color: var(--body-text-color-subdued); font-size: 0.9em; }
.turn details.src.flash { box-shadow: 0 0 0 2px var(--color-accent); }
.turn details.src .passage { font-size: 0.9em; margin-top: 4px; }
.turn mark { background: #fde68a; color: inherit; padding: 0 1px; }
.turn table.src-table { font-size: 0.85em; border-collapse: collapse; margin: 4px 0; }
.turn table.src-table td, .turn table.src-table th { border: 1px solid var(--border-color-primary); padding: 2px 6px; }
.turn table.src-table tr.hit td { background: #fde68a; }
.turn figure.page-image { margin: 6px 0 0; }
.turn figure.page-image img { max-width: 100%; border: 1px solid var(--border-color-primary); }
.turn figure.page-image figcaption { font-size: 0.75em; color: var(--body-text-color-subdued); }
.turn.refusal .refusal-card { border: 1px solid #d97706; border-radius: 8px; padding: 6px 10px;
                              background: rgba(217, 119, 6, 0.06); }
.turn .card-title { font-weight: 700; color: #b45309; }
.turn .label { font-size: 0.8em; font-weight: 600; margin-top: 6px !important; }
.turn.error { color: #b91c1c; }
"""

HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.cite");
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const card = document.getElementById(link.getAttribute("href").slice(1));
  if (!card) return;
  card.open = true;
  card.classList.add("flash");
  setTimeout(() => card.classList.remove("flash"), 1500);
  card.scrollIntoView({behavior: "smooth", block: "nearest"});
}, true);
</script>
"""
