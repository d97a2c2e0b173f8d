/** One utterance being recognised: audio goes in as it arrives, partial transcripts come out, `finish` gives the final one. */
export interface RecognitionStream {
  /** 16 kHz mono PCM16. */
  push(samples: Int16Array): void;
  /** No more audio: resolves with the final transcript ('' when nothing was understood). */
  finish(): Promise<string>;
  /** Drops the utterance (the call ended). */
  cancel(): void;
}

export interface RecognitionOptions {
  /** Called with each partial transcript while the caller is still speaking. */
  onPartial?: (text: string) => void;
}

/**
 * A streaming speech recogniser (ASR) for Mandarin. Each cloud adapter speaks its provider's protocol; the voice
 * channels see only this.
 */
export interface SpeechRecognizer {
  readonly provider: string;
  start(options?: RecognitionOptions): Promise<RecognitionStream>;
}
