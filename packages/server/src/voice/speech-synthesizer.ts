/**
 * Text to speech (TTS): a stream of 16 kHz mono PCM16 chunks, so the phone bridge can start playing before the whole
 * reply is synthesised (the first audio byte is what the caller waits for).
 */
export interface SpeechSynthesizer {
  readonly provider: string;
  synthesize(text: string, options?: { signal?: AbortSignal }): AsyncIterable<Int16Array>;
}

/** The sample rate every recogniser and synthesiser in this module speaks. */
export const VOICE_SAMPLE_RATE = 16_000;
