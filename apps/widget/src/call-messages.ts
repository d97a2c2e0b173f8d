import type { Locale } from './messages.js';

/** Every piece of text the call prompt and the call window show. */
export interface CallCatalogue {
  incoming: (kind: 'video' | 'audio') => string;
  accept: string;
  decline: string;
  recordingConsent: string;
  connecting: string;
  connected: string;
  reconnecting: string;
  audioOnly: string;
  noMedia: string;
  mute: string;
  unmute: string;
  cameraOff: string;
  cameraOn: string;
  shareScreen: string;
  stopShare: string;
  shareFailed: string;
  remoteSharing: string;
  hangUp: string;
  ended: (state: 'ended' | 'declined' | 'missed' | 'failed', duration: string | null) => string;
  failed: string;
}

const zhCN: CallCatalogue = {
  incoming: (kind) => (kind === 'video' ? '客服邀请您进行视频通话' : '客服邀请您进行语音通话'),
  accept: '接听',
  decline: '拒绝',
  recordingConsent: '同意录制本次通话（用于服务质量核查）',
  connecting: '正在接通…',
  connected: '通话中',
  reconnecting: '网络中断，正在重连…',
  audioOnly: '未能使用摄像头，已切换为语音通话',
  noMedia: '无法使用摄像头和麦克风，通话未接通。您可以继续文字沟通。',
  mute: '静音',
  unmute: '取消静音',
  cameraOff: '关闭摄像头',
  cameraOn: '打开摄像头',
  shareScreen: '共享屏幕',
  stopShare: '停止共享',
  shareFailed: '未能共享屏幕',
  remoteSharing: '对方正在共享屏幕',
  hangUp: '挂断',
  ended: (state, duration) =>
    state === 'failed' ? `通话已中断（网络连接断开）${duration ? `，时长 ${duration}` : ''}。您可以继续文字沟通。` : state === 'declined' ? '已拒绝通话' : state === 'missed' ? '未接听的通话' : `通话已结束${duration ? `，时长 ${duration}` : ''}`,
  failed: '通话未能接通，请稍后再试',
};

const en: CallCatalogue = {
  incoming: (kind) => (kind === 'video' ? 'The agent invites you to a video call' : 'The agent invites you to a voice call'),
  accept: 'Accept',
  decline: 'Decline',
  recordingConsent: 'I agree to this call being recorded (for quality review)',
  connecting: 'Connecting…',
  connected: 'In call',
  reconnecting: 'Network lost, reconnecting…',
  audioOnly: 'No camera available: continuing as a voice call',
  noMedia: 'Camera and microphone are unavailable, so the call could not start. You can keep chatting.',
  mute: 'Mute',
  unmute: 'Unmute',
  cameraOff: 'Camera off',
  cameraOn: 'Camera on',
  shareScreen: 'Share screen',
  stopShare: 'Stop sharing',
  shareFailed: 'Could not share the screen',
  remoteSharing: 'The agent is sharing their screen',
  hangUp: 'Hang up',
  ended: (state, duration) =>
    state === 'failed' ? `Call interrupted: the network connection was lost${duration ? ` (${duration})` : ''}. You can keep chatting.` : state === 'declined' ? 'Call declined' : state === 'missed' ? 'Missed call' : `Call ended${duration ? ` (${duration})` : ''}`,
  failed: 'The call could not be connected; please try again later',
};

export function getCallCatalogue(locale: Locale): CallCatalogue {
  return locale === 'en' ? en : zhCN;
}

/** 3:12 style: the running call's clock. */
export function formatCallClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
