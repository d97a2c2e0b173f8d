import * as echarts from 'echarts';
import type { MonthlyReportData } from './monthly-report-data.js';

const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** One chart as an SVG string, rendered by ECharts on the server (no browser, no canvas). */
function svgChart(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The report's charts: conversations per day (all and bot-resolved), and the month's star distribution. */
export function monthlyReportCharts(data: MonthlyReportData): { daily: string; stars: string } {
  const days = data.daily.map((d) => d.day.slice(5));
  const daily = svgChart(
    {
      color: ['#1f5fe0', '#52c41a'],
      legend: { top: 0, data: ['会话数', '机器人解决'] },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: days, axisLabel: { interval: 4 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '会话数', type: 'line', data: data.daily.map((d) => d.conversations), symbol: 'none' },
        { name: '机器人解决', type: 'line', data: data.daily.map((d) => d.botResolved), symbol: 'none', areaStyle: { opacity: 0.15 } },
      ],
    },
    680,
    240,
  );
  const stars = svgChart(
    {
      color: ['#faad14'],
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: ['1 星', '2 星', '3 星', '4 星', '5 星'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: data.stars, barWidth: '50%', label: { show: true, position: 'top' } }],
    },
    330,
    220,
  );
  return { daily, stars };
}
