// The screen's one component (navigator/ui/listen.py): its listen buttons and its tap relay. Streamlit serves this
// file (pyproject.toml, [[tool.streamlit.component.components]]); each drawing is sent only its data.

// Scrolls every scrolling part of the page to its top and ignores taps for 400 ms: what a new screen does first.
function toTop() {
  const scrolled = document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]');
  for (const el of [document.scrollingElement, ...scrolled]) { if (el) el.scrollTo({top: 0, behavior: "instant"}); }
  const app = document.querySelector('[data-testid="stApp"]');
  if (app) { app.style.pointerEvents = "none"; setTimeout(() => { app.style.pointerEvents = ""; }, 400); }
}

export default function (component) {
  const { setTriggerValue, parentElement } = component;
  const data = component.data[0];  // sent as a one-item list: see listen()
  const synth = window.speechSynthesis;
  const primary = (tag) => (tag || "").toLowerCase().split(/[-_]/)[0];
  // Voices on the device only: a remote voice would send the text to a third party.
  const voiceFor = (lang) => (synth ? synth.getVoices().find((v) => v.localService && primary(v.lang) === lang) : undefined);
  let box = parentElement.querySelector(".nav-listen");
  if (!box) {
    box = document.createElement("div");
    box.className = "nav-listen";
    parentElement.appendChild(box);
  }
  // One utterance per sentence: some browsers stop a long utterance after about fifteen seconds.
  const sentences = (text) => text.match(/[^.!?։።؟۔।]+[.!?։።؟۔।]*/g) || [text];
  const speak = (item) => {
    synth.cancel();
    for (const [text, lang] of item.segments) {
      for (const sentence of sentences(text)) {
        const u = new SpeechSynthesisUtterance(sentence.trim());
        u.lang = lang;
        const voice = voiceFor(lang);
        if (voice) u.voice = voice;
        synth.speak(u);
      }
    }
  };
  const elsewhere = data.items.some((i) => !i.row);  // buttons in the page's HTML: the cards', a second question's
  const draw = () => {
    const browser = !!voiceFor(data.lang);
    box.replaceChildren();
    if (elsewhere) {  // the page's CSS shows the right one of each (listen.card_button, listen.inline_listen)
      document.documentElement.dataset.navVoice = browser ? "browser" : data.server ? "server" : "none";
    }
    if (data.cards) return;  // no row of its own
    if (!browser && !data.server && data.quiet) {
      box.dataset.voice = "none";  // the question's own button already says there is no voice
      return;
    }
    if (!browser && !data.server) {
      const none = document.createElement("button");
      none.type = "button";
      none.disabled = true;
      none.className = "nav-listen-none";
      none.textContent = "🔇 " + data.no_voice;
      box.appendChild(none);
      box.dataset.voice = "none";
      return;
    }
    box.dataset.voice = browser ? "browser" : "server";
    for (const item of data.items.filter((i) => i.row)) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "🔊 " + item.shown;
      b.title = item.name;
      b.setAttribute("aria-label", item.name);
      b.onclick = () => (voiceFor(data.lang) ? speak(item) : setTriggerValue("play", item.id));
      box.appendChild(b);
    }
  };
  // The buttons in the page's HTML: one listener for the whole page, whatever a rerun draws (one at a time: a new
  // drawing of this component replaces the last one's).
  const byId = new Map(data.items.map((item) => [item.id, item]));
  const onCard = (event) => {
    const button = event.target.closest ? event.target.closest("button[data-nav-listen]") : null;
    const item = button && byId.get(button.dataset.navListen);
    if (item) voiceFor(data.lang) ? speak(item) : setTriggerValue("play", item.id);
  };
  if (elsewhere) {
    if (window.__navListenCards) document.removeEventListener("click", window.__navListenCards);
    window.__navListenCards = onCard;
    document.addEventListener("click", onCard);
  }
  // The tap relay (see the module's docstring): a press of any <button data-nav-tap> on the page, sent with the
  // screen token this drawing was given and a number of its own (the server answers one tap per drawing).
  // A link with data-nav-tap (the sheet's download) is relayed too, and still followed.
  const onTap = (event) => {
    if (choose(event)) return;
    const button = event.target.closest ? event.target.closest("button[data-nav-tap], a[data-nav-tap]") : null;
    if (!button || button.disabled) return;
    window.__navTapCount = (window.__navTapCount || 0) + 1;
    setTriggerValue("tap", { name: button.dataset.navTap, value: button.dataset.navValue || "", screen: data.screen, n: window.__navTapCount });
  };
  // An answer's button (listen.choice_buttons): pressed at once in the page, and the question's whole answer sent.
  const choose = (event) => {
    const button = event.target.closest ? event.target.closest("button[data-nav-choose]") : null;
    const group = button && button.closest("[data-nav-choices]");
    if (!group || button.disabled) return !!button;
    const pressed = button.getAttribute("aria-pressed") === "true";
    const all = [...group.querySelectorAll("button[data-nav-choose]")];
    if (group.dataset.navMultiple !== "1") for (const b of all) b.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-pressed", pressed ? "false" : "true");
    const values = all.filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.navChoose);
    setTriggerValue("choose", { question: group.dataset.navChoices, values, screen: data.screen });
    return true;
  };
  // The phone's own share sheet (Web Share API): a <button data-nav-share="link"> is shown only where the browser can
  // share (the page's CSS, by this class), and hands it the link. Results are never drawn with one on a kiosk.
  document.documentElement.classList.toggle("nav-can-share", !!navigator.share);
  if (!window.__navShare) {
    window.__navShare = (event) => {
      const button = event.target.closest ? event.target.closest("button[data-nav-share]") : null;
      if (button && navigator.share) navigator.share({ title: button.dataset.navTitle || "", url: button.dataset.navShare }).catch(() => {});
    };
    document.addEventListener("click", window.__navShare);
  }
  if (data.screen) {
    if (window.__navTaps) document.removeEventListener("click", window.__navTaps);
    window.__navTaps = onTap;
    document.addEventListener("click", onTap);
    if (window.__navShownScreen !== data.screen) {  // a new screen: from its top, and the last one's taps kept off
      window.__navShownScreen = data.screen;
      toTop();
    }
  }
  draw();
  if (synth) synth.addEventListener("voiceschanged", draw);
  return () => {
    if (synth) synth.removeEventListener("voiceschanged", draw);
    if (window.__navListenCards === onCard) {
      document.removeEventListener("click", onCard);
      window.__navListenCards = undefined;
    }
    if (window.__navTaps === onTap) {
      document.removeEventListener("click", onTap);
      window.__navTaps = undefined;
    }
  };
}
