"""CSS for large touch targets, visible focus, right-to-left layout and kiosk chrome.

Targets data-testid selectors and .st-key-<key> classes, never generated class names.
"""

import streamlit as st

BASE = """
<style>
[data-testid="stAppViewContainer"] .block-container {max-width: 860px; padding-top: 4rem;}
[data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"] {min-height: 3.2rem; font-size: 1.2rem; padding: 0.5rem 1.1rem;}
button:focus-visible, a:focus-visible, input:focus-visible, [role="button"]:focus-visible {outline: 3px solid #c25e00 !important; outline-offset: 2px;}
[data-testid="InputInstructions"] {display: none;}
/* Every tap target at least 44 px (WCAG 2.5.5): checkboxes, selects, inputs, page links. */
[data-testid="stCheckbox"] label {min-height: 48px; display: flex; align-items: center; gap: .5rem; cursor: pointer;}
[data-testid="stCheckbox"] label > div:first-of-type {transform: scale(1.4); margin-inline: .4rem;}
[data-testid="stSelectbox"] [role="group"], [data-testid="stTextInputRootElement"], [data-testid="stNumberInputContainer"] {min-height: 48px; height: auto;}
[data-testid="stTextInputRootElement"] input, [data-testid="stNumberInputContainer"] input {min-height: 46px;}
[data-testid="stNumberInputStepDown"], [data-testid="stNumberInputStepUp"] {min-width: 48px;}
[data-testid="stPageLink"] a {min-height: 48px; display: flex; align-items: center;}
/* The About link at the foot of every page, under a rule (as st.divider draws one, without its element). */
[data-testid="stElementContainer"]:has(> [data-testid="stPageLink"] a[href$="about"]) {border-top: 1px solid rgba(49, 51, 63, .2); margin-top: 1rem; padding-top: 2rem;}
[data-testid="stCode"] button {min-width: 44px; min-height: 44px;}
/* Heading anchors (tiny links) and Streamlit's own English menu are not for visitors. */
[data-testid="stHeaderActionElements"], [data-testid="stMainMenu"] {display: none !important;}
.st-key-nav_frame_language, [class*="st-key-listen_cards"], [class*="st-key-listen_relay_"] {display: none;}
/* A card's listen button (listen.card_button) and a second question's (listen.inline_listen): 🔊 where a voice can
   read them, else 🔇 (the screen's component says which). */
.nav-listen-card {margin: 1.7rem 0 .4rem;}  /* where its own element used to sit, below the card */
.nav-listen-inline {display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 .6rem;}
:is(.nav-listen-card, .nav-listen-inline) button {display: none; min-height: 2.75rem; min-width: 2.75rem; padding: .3rem .8rem; border-radius: .6rem;
  font: inherit; font-size: 1rem; border: 2px solid #0b5cad; background: #eef3f9; color: #10203a; cursor: pointer;}
:is(.nav-listen-card, .nav-listen-inline) button.nav-listen-none {border-style: dashed; cursor: default; opacity: .85; font-size: .85rem;}
html:is([data-nav-voice="browser"], [data-nav-voice="server"]) .nav-listen-play, html[data-nav-voice="none"] .nav-listen-none {display: inline-block;}
/* The language screen: two columns of compact buttons even on a 360 px phone, so every language is in view. */
[data-testid="stAppViewContainer"] .block-container:has(.nav-lang-grid) {padding-top: 2rem;}  /* no header on that screen */
.nav-lang-grid {display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .45rem .5rem;}
.nav-lang-grid .nav-button {min-height: 48px; padding: .25rem .5rem; font-size: 1.1rem;}
.nav-lang-grid .nav-button p {margin: 0; font-size: .875rem; line-height: 1.6;}
/* The flow's Back / Skip / Next (HTML buttons the screen's component answers, flow.nav_buttons): drawn as Streamlit
   draws its buttons, three equal ones in a row, one under the other on a phone (as columns would be). */
.nav-row {display: flex; gap: 1rem;}
.nav-row > * {flex: 1 1 0; min-width: 0;}
@media (max-width: 640px) {.nav-row {flex-direction: column;}}
.nav-button {display: inline-flex; align-items: center; justify-content: center; width: 100%; min-height: 3.2rem; margin: 0;
  padding: .5rem 1.1rem; font: inherit; font-size: .875rem; line-height: 1.6; text-align: center; color: #10203a;
  background: #fff; border: 1px solid rgba(16, 32, 58, .2); border-radius: .5rem; cursor: pointer; user-select: none;}
.nav-button:hover {border-color: #0b5cad; color: #0b5cad;}
.nav-button:active {background: #0b5cad; border-color: #0b5cad; color: #fff;}
.nav-button.nav-primary {background: #0b5cad; border-color: #0b5cad; color: #fff;}
.nav-button.nav-primary:hover {background: #063665; border-color: #063665; color: #fff;}
.nav-hint {margin: 0 0 1rem; font-size: .875rem; line-height: 1.6; color: #4a5568;}
/* The question's number and bar (flow._progress), in the heading's block: as Streamlit's progress bar, filled from
   where the page starts reading (the right in a right-to-left page). */
.nav-progress {margin: 0 0 1rem;}
:is([data-testid="stMarkdownContainer"], .nav-question) .nav-progress p {margin: 0; padding-bottom: .5rem; font-size: .875rem; line-height: normal;}
.nav-progress-track {height: .5rem; border-radius: .25rem; overflow: hidden; background: #eef3f9;}
.nav-progress-track > div {height: 100%; background: #0b5cad;}
/* A question's answers (listen.choice_buttons): toggle buttons drawn as Streamlit's pills were, larger; a chosen one
   filled, with a tick before it. */
.nav-choices {display: flex; flex-wrap: wrap; gap: .5rem;}
.nav-choice {max-width: 100%; min-height: 3rem; margin: 0; padding: .4rem 1rem; font: inherit; font-size: 1.15rem; line-height: 1.4;
  text-align: start; white-space: normal; color: #10203a; background: #fff; border: 2px solid rgba(16, 32, 58, .2); border-radius: 1.5rem;
  cursor: pointer; user-select: none;}
@media (hover: hover) {.nav-choice:hover {border-color: #0b5cad;}}  /* a finger leaves no hover that looks chosen */
.nav-choice[aria-pressed="true"] {background: #dde9f7; border-color: #0b5cad; color: #063665; font-weight: 600;}
.nav-choice[aria-pressed="true"]::before {content: "✓ ";}
.nav-caption {margin: .6rem 0 0; font-size: .875rem; line-height: 1.6; color: #4a5568;}
.nav-second .nav-caption {margin: 0 0 .6rem;}
.nav-second .nav-headings {margin-bottom: 0;}
/* A screen's first question, in the screen's block (flow._first): progress, heading and listen buttons laid out as
   when the heading was markdown and the listen buttons the component's own row. */
.nav-question .nav-headings {margin-bottom: 0;}
.nav-question .nav-listen-inline {margin: .1rem 0 1.45rem;}
/* Blocks drawn as one element (markup.blocks): one under another with the gap Streamlit puts between elements. */
.nav-blocks {display: flex; flex-direction: column; gap: 1rem;}
.nav-blocks > p.nav-lead {margin: 0;}
/* Assisted mode: the visitor's card and the French one side by side, one under the other on a phone (as columns were). */
.nav-pair {display: flex; gap: 1rem;}
.nav-pair > div {flex: 1 1 0; min-width: 0;}
@media (max-width: 640px) {.nav-pair {flex-direction: column;}}
/* A card's sheet toggle (results.pick_button): a button drawn as the checkbox it replaced. */
.nav-pick {display: flex; align-items: center; gap: .5rem; min-height: 48px; padding: 0; margin: 0; border: 0; background: none;
  font: inherit; font-size: .875rem; line-height: 1.5; color: inherit; text-align: start; cursor: pointer;}
.nav-pick-box {flex: none; box-sizing: border-box; width: 1rem; height: 1rem; margin: .15625rem .4rem 0; transform: scale(1.4);
  border: 1px solid rgba(16, 32, 58, .2); border-radius: .25rem; background: #fff center / .577rem no-repeat;}
.nav-pick[aria-pressed="true"] .nav-pick-box {border-color: #0b5cad; background-color: #0b5cad;
  background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 8'%3E%3Cpolyline points='1 4 4 7 9 1' fill='none' stroke='white' stroke-width='2.5' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E");}
.nav-card {border: 2px solid #c9d6e6; border-radius: 12px; padding: 0.9rem 1.1rem; margin: 0.6rem 0; background: #fff;}
.nav-card-title {margin: 0 0 .2rem 0; font-size: 1.35rem; font-weight: 700;}
.nav-org {color: #33465f; margin: 0;}
.nav-summary {font-size: 1.15rem;}
.nav-h {font-weight: 700; margin: .6rem 0 .2rem 0;}
.nav-warning {color: #7a3e00; font-weight: 600;}
.nav-infr {color: #4a5568; font-size: .85em;}
.nav-jargon {color: #2d3b50; font-size: .95rem; background: #f3f6fa; padding: .3rem .5rem; border-radius: 6px;}
.nav-source {color: #3d4a5c; font-size: .9rem;}
.nav-card a {color: #0b4f96; font-weight: 600; text-decoration: underline;}
.nav-card ul {padding-inline-start: 1.2rem;}
bdi {unicode-bidi: isolate;}
/* The share button (results.share_button) and its place in a block show only where the browser can share (listen.js). */
.nav-share, .nav-blocks > div:has(> .nav-share) {display: none;}
.nav-can-share .nav-blocks > div:has(> .nav-share) {display: block;}
.nav-can-share .nav-share {display: block; width: 100%; min-height: 3.2rem; font-size: 1.2rem; border-radius: .5rem; border: 1px solid #c9d6e6; background: #fff; cursor: pointer;}
.nav-shared-link {word-break: break-all; font-family: monospace; background: #f3f6fa; padding: .5rem .7rem; border-radius: 6px; user-select: all;}
.nav-big {font-size: 1.5rem; font-weight: 700;}
/* Streamlit draws captions in grey at 60 % opacity (under 4.5:1 on white): darker, so small print is read by weak eyes (WCAG AA). */
[data-testid="stCaptionContainer"] {opacity: 1; color: #4a5568;}
.nav-caption {font-size: .875rem; line-height: 1.6; color: #4a5568; overflow-wrap: break-word;}  /* as a caption (results.caption) */
.nav-caption p {margin: 0; font-size: inherit; line-height: inherit;}
[data-testid="stMarkdownContainer"] h2 {font-size: clamp(1.35rem, 5vw, 2rem);}
/* A verdict group under a project stays smaller than the project's heading, on a phone too. */
[data-testid="stMarkdownContainer"] h3 {font-size: clamp(1.2rem, 4.5vw, 1.6rem);}
[data-testid="stMarkdownContainer"] h1 {font-size: clamp(1.6rem, 6vw, 2.4rem);}
/* Kiosks and large screens: everything (sized in rem) grows with the screen, read from arm's length. */
@media (min-width: 1000px) {html {font-size: 19px;} [data-testid="stAppViewContainer"] .block-container {max-width: 980px;}}
@media (min-width: 1000px) and (min-height: 1500px) {html {font-size: 22px;}}
@media (min-width: 1600px) {html {font-size: 22px;} [data-testid="stAppViewContainer"] .block-container {max-width: 1180px;}}
/* The results' buttons (results.button), HTML in a markdown block: the space under them a paragraph has there (as
   padding: a margin would merge with the margin of a line drawn under one). */
[data-testid="stMarkdownContainer"] .nav-results-button {padding-bottom: 1rem;}
/* A project's and a verdict group's headings in the block of their cards (results.page): as markdown draws them. */
.nav-headings {margin-bottom: -1rem;}
.nav-headings :is(h2, h3) {margin: 0; font-weight: 600; line-height: 1.2; letter-spacing: -0.005em; color: inherit;}
.nav-headings h2 {padding: 1rem 0; font-size: clamp(1.35rem, 5vw, 2rem);}
.nav-headings h3 {padding: .75rem 0 1rem; font-size: clamp(1.2rem, 4.5vw, 1.6rem);}
/* The results' top (results.intro): its heading, paragraphs and buttons as markdown lays them out. */
.nav-headings h1 {margin: 0; padding: 1.25rem 0 1rem; font-weight: 700; line-height: 1.2; color: inherit; font-size: clamp(1.6rem, 6vw, 2.4rem);}
.nav-intro strong {font-weight: 600;}
.nav-intro .nav-headings {margin-bottom: 0;}
.nav-intro > p {margin: 0 0 1rem;}
.nav-intro > :last-child {margin-bottom: 0;}
.nav-intro .nav-results-button {padding-bottom: 1rem;}
.nav-intro > .nav-results-button:last-child {padding-bottom: 0;}
.nav-blocks hr {margin: 2rem 0 1rem; border: none; border-bottom: 1px solid rgba(16, 32, 58, .2);}
a.nav-button {box-sizing: border-box; text-decoration: none;}
/* The header's row (app.header): Start over and the language share it 3 : 2, and go one under the other, each the
   whole width, where both do not fit (a phone), as columns did. */
.st-key-nav_header {flex-wrap: wrap;}
.st-key-nav_header > .st-key-start_over {flex: 3 1 13rem; min-width: 0;}
.st-key-nav_header > .st-key-header_lang {flex: 2 1 9rem; min-width: 0;}
</style>
"""

RTL = """
<style>
[data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMarkdownContainer"], [data-testid="stVerticalBlock"],
[data-testid="stHorizontalBlock"], [data-testid="stWidgetLabel"], [data-testid="stCaptionContainer"], [data-testid="stAlert"],
[data-baseweb="select"], [data-testid="stCheckbox"], [data-testid="stRadio"] {direction: rtl; text-align: right;}
[data-testid="stTextInputRootElement"] input, [data-testid="stNumberInputContainer"] input {direction: rtl; unicode-bidi: plaintext; text-align: right;}
[data-testid="stHorizontalBlock"] {flex-direction: row;}
[data-testid="stCode"], [data-testid="stCode"] * {direction: ltr; text-align: left;}
.nav-results-button .nav-button {text-align: right;}  /* a wrapped label as a Streamlit button's right-to-left */
</style>
"""

KIOSK = """
<style>
[data-testid="stAppViewContainer"] .block-container {padding-top: 1.2rem;}
[data-testid="stHeader"] {display: none !important;}
[data-testid="stToolbar"], [data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {display: none !important;}
</style>
"""


#: Urdu is read in Nastaliq (Arabic, Dari and Pashto in Naskh, the theme's Noto Sans Arabic). On an Urdu page Noto
#: Nastaliq Urdu comes before the theme's fonts (Latin letters, digits and other scripts fall through to them), with the
#: taller lines its stacked letters need; language names keep the theme's fonts, except Urdu's own, which is always in
#: Nastaliq, as Urdu cards are on any page. Material icons keep their own font.
NASTALIQ = "'Noto Nastaliq Urdu'"
TEXT = ":is(p, li, h1, h2, h3, h4, span, div, button, label, input, a, bdi, strong, em)"
LANGUAGE_NAMES = '[data-testid="stApp"] :is([class*="st-key-lang_"], .st-key-q_languages, .st-key-header_lang)'


def _urdu_anywhere(theme_font: str) -> str:
    """Urdu's own language button, and Urdu cards inside a page in another language (assisted mode at the desk)."""
    return f"""<style>
[data-testid="stApp"] :is(.st-key-lang_ur, .nav-card[lang="ur"]) {TEXT}:not([data-testid="stIconMaterial"]) {{
  font-family: {NASTALIQ}, {theme_font}; line-height: 2.2;}}
</style>"""


def _urdu_page(theme_font: str) -> str:
    return f"""<style>
[data-testid="stApp"] {TEXT}:not([data-testid="stIconMaterial"]) {{font-family: {NASTALIQ}, {theme_font};}}
[data-testid="stApp"] :is(p, li, label, button, input, [data-testid="stCaptionContainer"]) {{line-height: 2.2;}}
[data-testid="stMarkdownContainer"] :is(h1, h2, h3), .nav-headings :is(h2, h3) {{line-height: 2; padding-inline: .2em;}}
{LANGUAGE_NAMES} {TEXT}:not([data-testid="stIconMaterial"]) {{font-family: {theme_font}; line-height: 1.6;}}
[data-testid="stApp"] :is(p, li, div):has(> [lang="fr"]) {{line-height: 1.7;}}
</style>"""


def css(rtl: bool, kiosk: bool, lang: str = "") -> str:
    """The page's `<style>` blocks, drawn by the frame (app.frame) with its language script as one element."""
    theme_font = st.get_option("theme.font") or "sans-serif"
    urdu = _urdu_page(theme_font) if lang == "ur" else ""
    return BASE + (RTL if rtl else "") + urdu + _urdu_anywhere(theme_font) + (KIOSK if kiosk else "")
