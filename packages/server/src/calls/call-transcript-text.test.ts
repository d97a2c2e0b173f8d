import { describe, expect, it } from 'vitest';
import { callTranscriptText } from './call-transcript-text.js';

const video = { kind: 'video' as const, ended_by: 'visitor' as const };

describe('a call’s line in the transcript says why it ended', () => {
  it('a network that did not come back is an interruption, with the time talked', () => {
    expect(callTranscriptText({ ...video, state: 'failed', duration_seconds: 75, end_reason: 'network' })).toBe('视频通话已中断（网络连接断开），时长 1分15秒');
  });

  it('a visitor without camera and microphone is not a cancelled call', () => {
    expect(callTranscriptText({ ...video, state: 'ended', duration_seconds: null, end_reason: 'media_unavailable' })).toBe('视频通话未接通：对方无法使用摄像头和麦克风');
    expect(callTranscriptText({ ...video, state: 'ended', duration_seconds: null, end_reason: 'cancelled' })).toBe('视频通话已取消');
  });
});
