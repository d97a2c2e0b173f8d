import { AppError, ConflictError } from '../errors/app-error.js';

/** Voice input for a tenant with no recogniser configured. The rest (text, TTS, DTMF) still works. */
export class SpeechRecognitionNotConfiguredError extends ConflictError {
  constructor() {
    super('语音识别未配置 (speech recognition is not configured for this tenant)', 'asr_not_configured');
  }
}

/** Audio a client sent that we cannot read (not 16-bit PCM WAV, empty, too long). */
export class UnreadableAudioError extends AppError {
  readonly code = 'unreadable_audio';
  readonly statusCode = 400;
}

/** The speech provider refused or failed: a 502, the provider's own message kept for the admin. */
export class SpeechProviderError extends AppError {
  readonly code = 'speech_provider_failed';
  readonly statusCode = 502;
}
