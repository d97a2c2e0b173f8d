import type { ApiClient } from '../api/api-client.js';
import type { CallDto, JoinedCall } from './call-types.js';

/**
 * The agent's call routes (#15) on the console's ApiClient.
 * @example const { call, iceServers } = await new CallApi(api).start(conversationId);
 */
export class CallApi {
  constructor(private readonly api: ApiClient) {}

  start(conversationId: string, kind: 'video' | 'audio' = 'video'): Promise<JoinedCall> {
    return this.api.send('POST', `/conversations/${encodeURIComponent(conversationId)}/calls`, { kind });
  }

  /** The conversation's calls, oldest first. */
  list(conversationId: string): Promise<{ items: CallDto[] }> {
    return this.api.send('GET', `/conversations/${encodeURIComponent(conversationId)}/calls`);
  }

  hangUp(callId: string, reason: 'hangup' | 'network' | 'media_unavailable' = 'hangup'): Promise<CallDto> {
    return this.api.send('POST', `/calls/${encodeURIComponent(callId)}/hangup`, { reason });
  }

  uploadRecording(callId: string, recording: Blob): Promise<{ id: string; size: number }> {
    return this.api.sendBlob('POST', `/calls/${encodeURIComponent(callId)}/recording`, recording);
  }
}
