import type { Recorder, Recording } from './hold-to-talk-controller.js';

/** Web Audio's buffer per callback: ~43 ms at 48 kHz, so little is lost when the button is let go. */
const BUFFER_SIZE = 2048;

/**
 * The browser microphone for hold-to-talk: getUserMedia (the browser asks permission the first time) into a
 * ScriptProcessor that copies the raw float samples. ScriptProcessor rather than an AudioWorklet: a worklet needs a
 * module URL, which a host page's CSP may refuse, and a few seconds of speech need no audio-thread processing.
 * The tracks are stopped after each recording, so the browser's "microphone in use" indicator is on only while
 * the button is held.
 */
export class MicrophoneRecorder implements Recorder {
  readonly #media: MediaDevices | undefined;
  #open: { stream: MediaStream; context: AudioContext; source: MediaStreamAudioSourceNode; node: ScriptProcessorNode; chunks: Float32Array[] } | null = null;

  constructor(media: MediaDevices | undefined) {
    this.#media = media;
  }

  async start(): Promise<void> {
    if (!this.#media?.getUserMedia) throw new DOMException('This browser offers no microphone', 'NotFoundError');
    // Created within the press (a user gesture), so the context may run; a prompt may outlast the gesture.
    const context = new AudioContext();
    let stream: MediaStream;
    try {
      // Raw audio: the recogniser does its own processing, and automatic gain would pump the level.
      stream = await this.#media.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    } catch (error) {
      void context.close();
      throw error;
    }
    const source = context.createMediaStreamSource(stream);
    const node = context.createScriptProcessor(BUFFER_SIZE, 1, 1);
    const chunks: Float32Array[] = [];
    node.onaudioprocess = (event) => chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
    source.connect(node);
    // A ScriptProcessor runs only while connected to the output; it writes nothing there, so nothing is heard.
    node.connect(context.destination);
    if (context.state === 'suspended') await context.resume();
    this.#open = { stream, context, source, node, chunks };
  }

  stop(): Recording {
    const open = this.#open;
    if (!open) return { chunks: [], sampleRate: 16_000 };
    this.cancel();
    return { chunks: open.chunks, sampleRate: open.context.sampleRate };
  }

  cancel(): void {
    const open = this.#open;
    this.#open = null;
    if (!open) return;
    open.node.onaudioprocess = null;
    open.source.disconnect();
    open.node.disconnect();
    for (const track of open.stream.getTracks()) track.stop();
    void open.context.close();
  }
}
