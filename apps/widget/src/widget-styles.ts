/**
 * The widget's whole stylesheet. It lives in the shadow root, so host-page CSS cannot
 * reach in and ours cannot leak out; `:host { all: initial }` stops inherited fonts too.
 */
export const widgetStyles = `
:host { all: initial; }
* { box-sizing: border-box; }
.zd-root {
  --zd-primary: #1f5fe0;
  --zd-primary-dark: #1747b0;
  --zd-text: #1f2329;
  --zd-muted: #646a73;
  --zd-border: #e4e7ec;
  --zd-bg: #f5f7fa;
  --zd-bubble: #ffffff;
  --zd-danger: #d4380d;
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Segoe UI", "Noto Sans CJK SC", sans-serif;
  font-size: 14px;
  line-height: 1.55;
  color: var(--zd-text);
  -webkit-font-smoothing: antialiased;
}
button, textarea, input, select { font: inherit; color: inherit; }
/* Layout classes below set display; the hidden attribute must still win (the typing row keeps its space on purpose). */
[hidden]:not(.zd-typing) { display: none !important; }
:focus-visible { outline: 2px solid var(--zd-primary); outline-offset: 2px; }

.zd-launcher {
  position: fixed; right: 24px; bottom: 24px; z-index: 2147483000;
  width: 60px; height: 60px; border: 0; border-radius: 50%; cursor: pointer;
  display: grid; place-items: center;
  background: linear-gradient(135deg, #3b7bff, var(--zd-primary-dark)); color: #fff;
  box-shadow: 0 8px 24px rgba(31, 95, 224, .35), 0 2px 6px rgba(0, 0, 0, .12);
  transition: transform .18s ease, box-shadow .18s ease;
}
.zd-launcher:hover { transform: translateY(-2px); box-shadow: 0 12px 28px rgba(31, 95, 224, .42), 0 2px 6px rgba(0, 0, 0, .12); }
.zd-launcher:focus-visible { outline: 3px solid #fff; box-shadow: 0 0 0 6px var(--zd-primary); }
.zd-launcher svg { width: 28px; height: 28px; }
.zd-badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: #f5222d; color: #fff; font-size: 12px; font-weight: 600;
  line-height: 20px; text-align: center; box-shadow: 0 0 0 2px #fff;
}
.zd-badge[hidden] { display: none; }

.zd-panel {
  position: fixed; right: 24px; bottom: 100px; z-index: 2147483000;
  width: 380px; height: min(640px, calc(100vh - 124px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--zd-bg); border-radius: 16px;
  box-shadow: 0 16px 48px rgba(15, 23, 42, .22), 0 2px 8px rgba(15, 23, 42, .08);
  animation: zd-pop .2s ease-out;
}
.zd-panel[hidden] { display: none; }
@keyframes zd-pop { from { opacity: 0; transform: translateY(12px) scale(.98); } to { opacity: 1; transform: none; } }

.zd-header {
  display: flex; align-items: center; gap: 12px; padding: 16px 16px 16px 18px;
  background: linear-gradient(135deg, #3b7bff, var(--zd-primary-dark)); color: #fff;
}
.zd-avatar {
  flex: none; width: 40px; height: 40px; border-radius: 50%;
  display: grid; place-items: center; background: rgba(255, 255, 255, .2);
}
.zd-avatar svg { width: 22px; height: 22px; }
.zd-heading { flex: 1; min-width: 0; }
.zd-title { margin: 0; font-size: 16px; font-weight: 600; line-height: 1.3; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.zd-status { margin: 2px 0 0; font-size: 12px; opacity: .88; display: flex; align-items: center; gap: 6px; }
.zd-dot { width: 8px; height: 8px; border-radius: 50%; background: #52c41a; box-shadow: 0 0 0 2px rgba(255, 255, 255, .35); }
.zd-status[data-connection="reconnecting"] .zd-dot, .zd-status[data-connection="connecting"] .zd-dot { background: #faad14; }
.zd-status[data-connection="unavailable"] .zd-dot { background: #bfbfbf; }
.zd-close {
  flex: none; width: 36px; height: 36px; border: 0; border-radius: 8px; cursor: pointer;
  display: grid; place-items: center; background: transparent; color: #fff;
}
.zd-close:hover { background: rgba(255, 255, 255, .16); }
.zd-close:focus-visible { outline-color: #fff; }
.zd-close svg { width: 20px; height: 20px; }

.zd-banner, .zd-pane-alert {
  margin: 12px 12px 0; padding: 10px 12px; border-radius: 10px;
  background: #fff2e8; color: #873800; font-size: 13px;
  display: flex; align-items: center; gap: 10px; justify-content: space-between;
}
.zd-banner[hidden] { display: none; }
.zd-banner button, .zd-pane-alert button {
  flex: none; border: 1px solid #ffbb96; background: #fff; color: var(--zd-danger);
  border-radius: 6px; padding: 2px 10px; cursor: pointer;
}

.zd-notice {
  margin: 12px 12px 0; padding: 8px 12px; border-radius: 10px;
  background: #f0f5ff; color: #1d39c4; font-size: 13px;
}
.zd-notice[hidden] { display: none; }
.zd-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.zd-messages {
  flex: 1; overflow-y: auto; margin: 0; padding: 16px 14px 8px; list-style: none;
  display: flex; flex-direction: column; gap: 10px; overscroll-behavior: contain;
}
.zd-item { display: flex; flex-direction: column; max-width: 100%; }
.zd-item[data-sender="visitor"] { align-items: flex-end; }
.zd-item[data-sender="bot"], .zd-item[data-sender="agent"] { align-items: flex-start; }
.zd-name { font-size: 12px; color: var(--zd-muted); margin: 0 0 4px 4px; }
.zd-bubble {
  max-width: 82%; padding: 9px 13px; border-radius: 14px;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
}
.zd-item[data-sender="bot"] .zd-bubble, .zd-item[data-sender="agent"] .zd-bubble {
  background: var(--zd-bubble); border: 1px solid var(--zd-border); border-top-left-radius: 4px;
}
.zd-item[data-sender="agent"] .zd-bubble { border-color: #b7d3ff; }
.zd-item[data-sender="visitor"] .zd-bubble { background: var(--zd-primary); color: #fff; border-top-right-radius: 4px; }
.zd-item[data-status="sending"] .zd-bubble, .zd-item[data-status="retrying"] .zd-bubble, .zd-item[data-status="waiting"] .zd-bubble { opacity: .72; }
.zd-item[data-status="failed"] .zd-bubble { background: #fff1f0; color: var(--zd-text); border: 1px solid #ffa39e; }
.zd-meta { margin: 3px 4px 0; font-size: 11px; color: #8f959e; display: flex; gap: 8px; align-items: center; }
.zd-meta .zd-state-failed { color: var(--zd-danger); }
.zd-meta button { border: 0; background: none; padding: 0; color: var(--zd-primary); cursor: pointer; font-size: 11px; text-decoration: underline; }
.zd-source { display: block; margin: 2px 4px 0; font-size: 12px; color: var(--zd-primary); text-decoration: underline; word-break: break-all; }
.zd-item[data-sender="system"] { align-items: center; }
.zd-item[data-sender="system"] .zd-bubble {
  max-width: 90%; padding: 4px 12px; border-radius: 999px; background: #e8ecf2; color: var(--zd-muted);
  font-size: 12px; text-align: center;
}
.zd-quick { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; max-width: 92%; }
.zd-quick button {
  border: 1px solid #b7d3ff; background: #fff; color: var(--zd-primary); border-radius: 999px;
  padding: 5px 14px; cursor: pointer; font-size: 13px; transition: background .15s ease;
}
.zd-quick button:hover { background: #edf3ff; }
.zd-recs { padding: 6px 14px 2px; display: flex; flex-direction: column; gap: 6px; }
.zd-recs[hidden] { display: none; }
.zd-recs-title { font-size: 12px; color: var(--zd-muted); }
.zd-recs-chips { display: flex; flex-wrap: wrap; gap: 6px; }
.zd-rec {
  border: 1px solid #b7d3ff; background: #f5f9ff; color: var(--zd-primary); border-radius: 999px;
  padding: 4px 12px; cursor: pointer; font-size: 13px;
}
.zd-rec:hover { background: #edf3ff; }

.zd-typing { min-height: 22px; padding: 0 18px 4px; font-size: 12px; color: var(--zd-muted); display: flex; align-items: center; gap: 8px; }
.zd-typing[hidden] { visibility: hidden; display: flex; }
.zd-typing-dots { display: inline-flex; gap: 3px; }
.zd-typing-dots i { width: 5px; height: 5px; border-radius: 50%; background: #a0a7b4; animation: zd-blink 1.2s infinite ease-in-out; }
.zd-typing-dots i:nth-child(2) { animation-delay: .15s; }
.zd-typing-dots i:nth-child(3) { animation-delay: .3s; }
@keyframes zd-blink { 0%, 80%, 100% { opacity: .3; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-2px); } }

.zd-composer {
  display: flex; align-items: flex-end; gap: 8px; margin: 0 12px; padding: 8px 8px 8px 14px;
  background: #fff; border: 1px solid var(--zd-border); border-radius: 14px;
  transition: border-color .15s ease, box-shadow .15s ease;
}
.zd-composer:focus-within { border-color: var(--zd-primary); box-shadow: 0 0 0 3px rgba(31, 95, 224, .12); }
.zd-input {
  flex: 1; min-height: 24px; max-height: 120px; padding: 4px 0; border: 0; outline: none; resize: none;
  background: transparent; line-height: 1.5;
}
.zd-input::placeholder { color: #a0a7b4; }
.zd-send {
  flex: none; width: 36px; height: 36px; border: 0; border-radius: 10px; cursor: pointer;
  display: grid; place-items: center; background: var(--zd-primary); color: #fff; transition: background .15s ease;
}
.zd-send:hover { background: var(--zd-primary-dark); }
.zd-send:disabled { background: #c9d3e3; cursor: default; }
.zd-send svg { width: 18px; height: 18px; }
.zd-talk {
  flex: none; height: 36px; padding: 0 10px; border: 1px solid var(--zd-border); border-radius: 10px; cursor: pointer;
  background: #f5f7fa; color: inherit; font: inherit; font-size: 13px; user-select: none; touch-action: none;
}
.zd-talk[data-phase="recording"] { background: var(--zd-primary); border-color: var(--zd-primary); color: #fff; }
.zd-talk:disabled { cursor: progress; opacity: .7; }
.zd-sound {
  flex: none; width: 36px; height: 36px; border: 0; border-radius: 8px; cursor: pointer;
  display: grid; place-items: center; background: transparent; color: #fff;
}
.zd-sound svg { width: 20px; height: 20px; }
.zd-sound:hover, .zd-sound[aria-pressed="true"] { background: rgba(255, 255, 255, .16); }
.zd-voice-status { margin: 0 12px 6px; font-size: 12px; color: #873800; }
.zd-mark { margin-right: 4px; }
.zd-footer { padding: 8px 0 10px; text-align: center; font-size: 11px; color: #a0a7b4; }

/* Screens beside the chat: 在线咨询 / 提交工单 / 我的工单 */
.zd-tabs { display: flex; background: #fff; border-bottom: 1px solid var(--zd-border); }
.zd-tab {
  flex: 1; min-width: 0; padding: 10px 4px; border: 0; border-bottom: 2px solid transparent; background: none;
  cursor: pointer; color: var(--zd-muted); font-size: 13px; white-space: nowrap;
}
.zd-tab:hover { color: var(--zd-primary); }
.zd-tab[aria-current="page"] { color: var(--zd-primary); border-bottom-color: var(--zd-primary); font-weight: 600; }
.zd-typing[data-screen="other"], .zd-handoff[data-screen="other"] { display: none; }
.zd-pane { flex: 1; overflow-y: auto; padding: 12px 14px 16px; overscroll-behavior: contain; }
.zd-pane-header { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; }
.zd-pane-title { margin: 0; font-size: 15px; font-weight: 600; }
.zd-pane-title:focus { outline: none; }
.zd-back { border: 0; background: none; color: var(--zd-primary); cursor: pointer; padding: 4px 6px 4px 0; font-size: 13px; }
.zd-pane .zd-pane-alert { margin: 0 0 10px; }
.zd-muted { color: var(--zd-muted); font-size: 12px; }
.zd-loading, .zd-empty { text-align: center; padding: 24px 0; }
.zd-form { display: flex; flex-direction: column; gap: 12px; }
.zd-field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.zd-fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.zd-label { font-size: 13px; font-weight: 600; padding: 0; }
.zd-required { color: var(--zd-danger); font-weight: 400; }
.zd-label .zd-muted { font-weight: 400; }
.zd-hint { margin: 0; font-size: 12px; color: var(--zd-muted); }
.zd-form input, .zd-form select, .zd-form textarea {
  width: 100%; padding: 8px 10px; border: 1px solid var(--zd-border); border-radius: 8px; background: #fff; line-height: 1.4;
}
.zd-form textarea { resize: vertical; min-height: 72px; white-space: pre-wrap; }
.zd-form input:focus, .zd-form select:focus, .zd-form textarea:focus { outline: none; border-color: var(--zd-primary); box-shadow: 0 0 0 3px rgba(31, 95, 224, .12); }
.zd-form [aria-invalid="true"] { border-color: var(--zd-danger); }
.zd-counter { align-self: flex-end; font-size: 11px; color: #8f959e; }
.zd-field-error { margin: 0; font-size: 12px; color: var(--zd-danger); }
.zd-button { border-radius: 8px; padding: 8px 16px; cursor: pointer; font-size: 14px; border: 1px solid transparent; }
.zd-button:disabled { opacity: .6; cursor: default; }
.zd-button-primary { background: var(--zd-primary); color: #fff; }
.zd-button-primary:hover:not(:disabled) { background: var(--zd-primary-dark); }
.zd-button-ghost { background: #fff; color: var(--zd-primary); border-color: #b7d3ff; align-self: flex-start; }
.zd-files { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.zd-file { display: flex; align-items: center; gap: 8px; padding: 6px 8px; background: #fff; border: 1px solid var(--zd-border); border-radius: 8px; min-width: 0; }
.zd-thumb { flex: none; width: 40px; height: 40px; border-radius: 6px; object-fit: cover; background: #e8ecf2; }
.zd-thumb-pdf { display: grid; place-items: center; font-size: 11px; font-weight: 700; color: var(--zd-danger); }
.zd-file-name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 13px; }
.zd-file-remove { flex: none; width: 28px; height: 28px; border: 0; border-radius: 6px; background: none; cursor: pointer; font-size: 18px; color: var(--zd-muted); }
.zd-file-remove:hover { background: #fff1f0; color: var(--zd-danger); }
.zd-ticket-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.zd-ticket-row {
  width: 100%; text-align: left; display: flex; flex-direction: column; gap: 2px; padding: 10px 12px;
  background: #fff; border: 1px solid var(--zd-border); border-radius: 10px; cursor: pointer;
}
.zd-ticket-row:hover { border-color: #b7d3ff; }
.zd-ticket-row-top, .zd-ticket-heading { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.zd-ticket-number { margin: 0; font-size: 13px; font-weight: 600; font-variant-numeric: tabular-nums; }
.zd-ticket-subject { margin: 2px 0; overflow-wrap: anywhere; }
.zd-status-badge { flex: none; padding: 1px 8px; border-radius: 999px; font-size: 12px; background: #e6f4ff; color: #0958d9; }
.zd-status-badge[data-status="pending_customer"] { background: #fff7e6; color: #ad4e00; }
.zd-status-badge[data-status="resolved"] { background: #f6ffed; color: #389e0d; }
.zd-status-badge[data-status="closed"] { background: #f0f0f0; color: var(--zd-muted); }
.zd-success { margin: 0 0 10px; padding: 8px 12px; border-radius: 10px; background: #f6ffed; color: #237804; border: 1px solid #b7eb8f; font-weight: 600; }
.zd-ticket-summary { background: #fff; border: 1px solid var(--zd-border); border-radius: 10px; padding: 10px 12px; }
.zd-ticket-summary p { margin: 4px 0 0; }
.zd-expectation { color: #0958d9; font-size: 13px; }
.zd-ticket-description, .zd-ticket-event-text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
.zd-subheading { margin: 12px 0 6px; font-size: 13px; font-weight: 600; }
.zd-ticket-decision { margin-top: 10px; }
.zd-ticket-decision p { margin: 6px 0 0; }
.zd-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.zd-ticket-timeline { list-style: none; margin: 0; padding: 0 0 0 12px; border-left: 2px solid var(--zd-border); display: flex; flex-direction: column; gap: 10px; }
.zd-ticket-event { position: relative; }
.zd-ticket-event::before { content: ""; position: absolute; left: -17px; top: 6px; width: 8px; height: 8px; border-radius: 50%; background: #a0a7b4; }
.zd-ticket-event[data-by="staff"]::before { background: var(--zd-primary); }
.zd-ticket-event[data-by="customer"]::before { background: #52c41a; }
.zd-ticket-event .zd-meta { margin: 0; }
.zd-ticket-event-text { margin: 2px 0 0; }
.zd-ticket-files { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.zd-link { border: 0; background: none; padding: 0; color: var(--zd-primary); text-decoration: underline; cursor: pointer; font-size: 12px; overflow-wrap: anywhere; text-align: left; }
.zd-handoff { padding: 8px 14px; background: #e6f4ff; border-bottom: 1px solid #b7d3ff; font-size: 13px; }
.zd-handoff[hidden], .zd-handoff [hidden] { display: none; }
.zd-handoff[data-state="unavailable"] { background: #fff7e6; border-bottom-color: #ffd591; }
.zd-handoff[data-state="connected"], .zd-handoff[data-state="left_message"] { background: #f6ffed; border-bottom-color: #b7eb8f; }
.zd-handoff-bar { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
.zd-handoff-line-wrap { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.zd-leave-message { margin-top: 8px; }
.zd-ticket-reply { margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--zd-border); }
.zd-verdicts { display: flex; align-items: center; gap: 6px; margin-top: 4px; font-size: 12px; }
.zd-verdict { border: 1px solid var(--zd-border); background: #fff; border-radius: 12px; padding: 2px 8px; font: inherit; cursor: pointer; color: inherit; }
.zd-verdict[aria-pressed="true"] { background: #edf3ff; border-color: var(--zd-primary); }
.zd-verdict-thanks { color: #8c8c8c; }
.zd-survey { margin-top: 8px; padding: 12px; border: 1px solid var(--zd-border); border-radius: 10px; background: #fff; max-width: 92%; }
.zd-survey-title { margin: 0 0 6px; font-weight: 600; }
.zd-stars { display: flex; align-items: center; gap: 2px; margin-bottom: 8px; }
.zd-star { border: 0; background: none; font-size: 24px; line-height: 1; padding: 2px; cursor: pointer; color: #d9d9d9; }
.zd-star-on { color: #fadb14; }
.zd-star-name { margin-left: 6px; font-size: 12px; color: #595959; }
.zd-survey-tags { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
.zd-tag { border: 1px solid var(--zd-border); background: #fff; border-radius: 12px; padding: 2px 10px; font: inherit; font-size: 12px; cursor: pointer; color: inherit; }
.zd-tag[aria-pressed="true"] { background: #edf3ff; border-color: var(--zd-primary); }
.zd-survey-comment { width: 100%; box-sizing: border-box; resize: vertical; font: inherit; padding: 6px 8px; border: 1px solid var(--zd-border); border-radius: 6px; }
.zd-survey-actions { display: flex; align-items: center; justify-content: space-between; margin-top: 6px; }
.zd-survey-counter { font-size: 12px; color: #8c8c8c; }
.zd-survey-submit { border: 0; border-radius: 6px; padding: 6px 14px; background: var(--zd-primary); color: #fff; font: inherit; cursor: pointer; }
.zd-survey-submit[disabled] { opacity: .6; cursor: default; }
.zd-survey-thanks { margin: 0; color: #389e0d; }
.zd-survey-note { margin: 6px 0 0; font-size: 12px; color: #595959; }
.zd-survey-error { margin: 6px 0 0; font-size: 12px; color: #cf1322; }

@media (max-width: 480px) {
  .zd-launcher { right: 16px; bottom: 16px; }
  .zd-panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; }
  .zd-root[data-open="true"] .zd-launcher { display: none; }
  .zd-input, .zd-form input, .zd-form select, .zd-form textarea { font-size: 16px; } /* iOS zooms into inputs with smaller text */
}
@media (prefers-reduced-motion: reduce) {
  .zd-panel, .zd-typing-dots i { animation: none; }
  .zd-launcher, .zd-quick button, .zd-send { transition: none; }
}
`;
