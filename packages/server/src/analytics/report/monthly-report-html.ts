import type { MonthlyKpis, MonthlyReportData } from './monthly-report-data.js';
import { monthTitle } from './report-month.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every tenant- or visitor-written text goes through this: the report is opened in browsers and mail clients. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number) => new Intl.NumberFormat('zh-CN').format(v);

interface KpiRow {
  label: string;
  definition: string;
  pick: (k: MonthlyKpis) => number | null;
  format: 'count' | 'rate';
  /** Lower is better (SLA breaches, handoff rate). */
  lowerIsBetter?: boolean;
}

const KPI_ROWS: KpiRow[] = [
  { label: '会话数', definition: '当月开始且访客至少发过一条消息的会话', pick: (k) => k.conversations, format: 'count' },
  { label: '机器人解决率', definition: '未转人工（无人工请求）结束的会话 ÷ 会话数', pick: (k) => k.containment, format: 'rate' },
  { label: '转人工率', definition: '提出人工请求的会话 ÷ 会话数', pick: (k) => k.handoffRate, format: 'rate', lowerIsBetter: true },
  { label: '新建工单', definition: '当月创建的工单', pick: (k) => k.ticketsCreated, format: 'count' },
  { label: '已解决工单', definition: '当月解决的工单', pick: (k) => k.ticketsResolved, format: 'count' },
  { label: 'SLA 超时工单', definition: '当月创建且 SLA 超时的工单', pick: (k) => k.slaBreached, format: 'count', lowerIsBetter: true },
  { label: '满意度 CSAT', definition: '4–5 星评价 ÷ 全部评价', pick: (k) => k.csat, format: 'rate' },
  { label: '评价参与率', definition: '评价数 ÷ 展示的评价邀请数', pick: (k) => k.responseRate, format: 'rate' },
  { label: '评价数', definition: '当月收到的会话评价', pick: (k) => k.ratings, format: 'count' },
  { label: '回访满意率', definition: '客户给 4–5 星的回访 ÷ 已评价的回访（目标 ≥ 85%）', pick: (k) => k.followUpSatisfaction, format: 'rate' },
  { label: '回答有帮助率', definition: '「有帮助」÷（「有帮助」+「没帮助」）', pick: (k) => k.helpfulRate, format: 'rate' },
];

const ACTIVITY_LABELS: Record<string, string> = {
  'search.performed': '自助搜索次数',
  'search.clicked': '搜索结果点击',
  'selfservice.started': '自助办理发起',
  'selfservice.completed': '自助办理完成',
  'selfservice.failed': '自助办理失败',
  'recommendation.shown': '「猜你想办」展示',
  'recommendation.clicked': '「猜你想办」点击',
};

function change(current: number | null, previous: number | null, row: KpiRow): string {
  if (current === null || previous === null) return '<td class="muted">—</td>';
  const delta = current - previous;
  if (delta === 0) return '<td class="muted">持平</td>';
  const better = row.lowerIsBetter ? delta < 0 : delta > 0;
  const text = row.format === 'rate' ? `${delta > 0 ? '+' : ''}${(delta * 100).toFixed(1)} 个百分点` : previous === 0 ? `${delta > 0 ? '+' : ''}${num(delta)}` : `${delta > 0 ? '+' : ''}${((delta / previous) * 100).toFixed(1)}%`;
  return `<td class="${better ? 'up' : 'down'}">${delta > 0 ? '▲' : '▼'} ${text}</td>`;
}

const list = (items: string[], empty: string) => (items.length === 0 ? `<p class="muted">${esc(empty)}</p>` : `<ol>${items.join('')}</ol>`);

/**
 * The monthly report as one self-contained HTML page (inline CSS, the charts as inline SVG): what is
 * stored, downloaded, mailed, and printed to PDF by Chromium.
 */
export function renderMonthlyReportHtml(data: MonthlyReportData, charts: { daily: string; stars: string }, generatedAt: Date): string {
  const title = `${data.tenantName} · ${monthTitle(data.month)}客服月报`;
  const kpiRows = KPI_ROWS.map((row) => {
    const current = row.pick(data.kpis);
    const previous = row.pick(data.previous);
    const fmt = (v: number | null) => (row.format === 'rate' ? pct(v) : v === null ? '—' : num(v));
    return `<tr><th>${esc(row.label)}<div class="def">${esc(row.definition)}</div></th><td class="value">${fmt(current)}</td><td>${fmt(previous)}</td>${change(current, previous, row)}</tr>`;
  }).join('');
  const activity = data.activity.length
    ? `<table class="kpis"><thead><tr><th>指标</th><th>本月</th><th>上月</th></tr></thead><tbody>${data.activity.map((a) => `<tr><th>${esc(ACTIVITY_LABELS[a.metric] ?? a.metric)}</th><td class="value">${num(a.current)}</td><td>${num(a.previous)}</td></tr>`).join('')}</tbody></table>`
    : '<p class="muted">本月暂无自助搜索、自助办理与推荐的事件汇总。</p>';
  const comments = data.comments.map(
    (c) => `<li><span class="stars">${'★'.repeat(c.stars)}${'☆'.repeat(5 - c.stars)}</span> ${esc(c.comment)}${c.tags.length ? ` <span class="tags">${c.tags.map(esc).join('、')}</span>` : ''}</li>`,
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2329; margin: 32px; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 10px; border-left: 4px solid #1f5fe0; padding-left: 8px; }
.sub { color: #646a73; margin: 0 0 16px; }
table.kpis { border-collapse: collapse; width: 100%; } .kpis th, .kpis td { border-bottom: 1px solid #e4e7ec; padding: 6px 8px; text-align: left; vertical-align: top; }
.kpis thead th { background: #f5f7fa; } .value { font-weight: 600; } .def { font-weight: normal; font-size: 11px; color: #8c8c8c; }
.up { color: #389e0d; } .down { color: #cf1322; } .muted { color: #8c8c8c; }
.charts { display: flex; gap: 16px; flex-wrap: wrap; } .stars { color: #faad14; } .tags { color: #646a73; font-size: 11px; }
ol { padding-left: 20px; } li { margin: 3px 0; } section { page-break-inside: avoid; }
</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">统计周期：${esc(monthTitle(data.month))}（北京时间），对比 ${esc(monthTitle(data.previousMonth))} · 生成于 ${esc(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p>
<section><h2>核心指标</h2>
<table class="kpis"><thead><tr><th>指标</th><th>本月</th><th>上月</th><th>环比</th></tr></thead><tbody>${kpiRows}</tbody></table></section>
<section><h2>趋势与评价分布</h2><div class="charts"><div>${charts.daily}</div><div>${charts.stars}</div></div></section>
<section><h2>自助服务与推荐</h2>${activity}</section>
<section><h2>热门问题（机器人回答最多的 FAQ）</h2>${list(data.topQuestions.map((q) => `<li>${esc(q.question)} <span class="muted">× ${num(q.count)}</span></li>`), '本月没有命中知识库的回答。')}</section>
<section><h2>未答好的问题</h2>${list(data.unanswered.map((q) => `<li>${esc(q.question)} <span class="muted">× ${num(q.count)}</span></li>`), '本月没有机器人未能回答的问题。')}</section>
<section><h2>知识库更新</h2>
<p>本月采纳的建议：${data.kbAccepted.length} 条；待审核的建议：${data.kbPending.length} 条（热门问题挖掘每月 1 日自动刷新）。</p>
${list(data.kbAccepted.map((k) => `<li>${esc(k.question)} <span class="muted">${k.kind === 'new_faq' ? '新增问答' : '补充问法'}</span></li>`), '本月没有采纳新的知识库建议。')}
${data.kbPending.length ? `<p class="muted">待审核：</p>${list(data.kbPending.map((k) => `<li>${esc(k.question)} <span class="muted">${num(k.sampleCount)} 次提问</span></li>`), '')}` : ''}</section>
<section><h2>瓶颈发现与建议</h2><p class="muted">瓶颈分析（流程步骤失败率、意图兜底率、FAQ「没帮助」率与基线的比较）由瓶颈分析模块提供，启用后在此列出发现与建议。</p></section>
<section><h2>客户评价留言</h2>${list(comments, '本月没有带留言的评价。')}</section>
</body></html>`;
}
