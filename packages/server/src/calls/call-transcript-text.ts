import type { CallRow } from './call-schema.js';

/** 3分12秒 / 45秒 / 1小时2分: how a call's length reads in the transcript. */
export function formatCallDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}小时${m}分${s}秒`;
  if (m > 0) return `${m}分${s}秒`;
  return `${s}秒`;
}

/**
 * The system message a call's state writes into the transcript (zh-CN, like every other system
 * message the visitor sees).
 * @example callTranscriptText({ state: 'ended', kind: 'video', duration_seconds: 192, … }) // '视频通话已结束，时长 3分12秒'
 */
export function callTranscriptText(call: Pick<CallRow, 'state' | 'kind' | 'duration_seconds' | 'ended_by' | 'end_reason'>): string {
  const name = call.kind === 'video' ? '视频通话' : '语音通话';
  switch (call.state) {
    case 'ringing':
      return `${name}开始，等待对方接听`;
    case 'connected':
      return `${name}已接通`;
    case 'ended':
      if (call.end_reason === 'media_unavailable') return `${name}未接通：对方无法使用摄像头和麦克风`;
      return call.duration_seconds === null ? `${name}已取消` : `${name}已结束，时长 ${formatCallDuration(call.duration_seconds)}`;
    case 'declined':
      return `对方拒绝了${name}`;
    case 'missed':
      return `${name}未接听`;
    case 'failed':
      return `${name}已中断（网络连接断开）${call.duration_seconds !== null ? `，时长 ${formatCallDuration(call.duration_seconds)}` : ''}`;
  }
}
