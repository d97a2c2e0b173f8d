import type { Locale } from './messages.js';
import type { VoiceNotice } from './hold-to-talk-controller.js';

/** Every piece of text the hold-to-talk button and the 🔊 toggle show. */
export interface VoiceCatalogue {
  holdToTalk: string;
  releaseToSend: string;
  recognising: string;
  readAloud: string;
  notices: Record<VoiceNotice, string>;
}

const zhCN: VoiceCatalogue = {
  holdToTalk: '按住说话',
  releaseToSend: '松开发送，移开取消',
  recognising: '正在识别…',
  readAloud: '朗读客服回复',
  notices: {
    permission_denied: '无法使用麦克风：请在浏览器中允许麦克风权限，或直接输入文字',
    no_microphone: '未检测到麦克风，请直接输入文字',
    asr_not_configured: '语音识别未配置，请直接输入文字',
    too_short: '说话时间太短，请按住按钮说话',
    cancelled: '已取消发送',
    not_heard: '没有听清，请再说一遍',
    failed: '语音发送失败，请重试',
    load_failed: '语音组件加载失败，请刷新重试，或直接输入文字',
  },
};

const en: VoiceCatalogue = {
  holdToTalk: 'Hold to talk',
  releaseToSend: 'Release to send, slide away to cancel',
  recognising: 'Recognising…',
  readAloud: 'Read replies aloud',
  notices: {
    permission_denied: 'The microphone is blocked: allow it in your browser, or type your message',
    no_microphone: 'No microphone found: please type your message',
    asr_not_configured: 'Speech recognition is not configured: please type your message',
    too_short: 'Too short: hold the button while you speak',
    cancelled: 'Cancelled',
    not_heard: 'Sorry, I did not catch that; please say it again',
    failed: 'The voice message could not be sent; please try again',
    load_failed: 'Voice could not be loaded: reload the page, or type your message',
  },
};

export function getVoiceCatalogue(locale: Locale): VoiceCatalogue {
  return locale === 'en' ? en : zhCN;
}
