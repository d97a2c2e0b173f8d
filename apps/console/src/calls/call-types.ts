import type { PeerSignal } from '@zhida/client/peer-media';

/** A call as the API returns it (server: calls/call-dto.ts). */
export interface CallDto {
  id: string;
  conversationId: string;
  kind: 'video' | 'audio';
  state: 'ringing' | 'connected' | 'ended' | 'declined' | 'missed' | 'failed';
  startedBy: string | null;
  createdAt: string;
  ringDeadline: string;
  connectedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  endedBy: 'agent' | 'visitor' | 'system' | null;
  endReason: string | null;
  recordingAllowed: boolean;
}

export interface JoinedCall {
  call: CallDto;
  iceServers: RTCIceServer[];
}

export type CallSignal = PeerSignal & { callId: string };

export interface CallErrorEvent {
  callId: string | null;
  code: string;
  message: string;
}
