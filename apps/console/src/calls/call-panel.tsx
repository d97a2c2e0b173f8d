import { Alert, Button, Space, Tag, Typography } from 'antd';
import { AudioMutedOutlined, AudioOutlined, DesktopOutlined, PhoneOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import type { AgentCall, AgentCallState } from './agent-call.js';
import './call-panel.css';

const PHASE_KEY: Record<AgentCallState['phase'], MessageKey> = {
  idle: 'call.phase.idle',
  starting: 'call.phase.starting',
  ringing: 'call.phase.ringing',
  connecting: 'call.phase.connecting',
  connected: 'call.phase.connected',
  reconnecting: 'call.phase.reconnecting',
  ended: 'call.phase.ended',
};

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function VideoOf({ stream, muted, className, testId }: { stream: MediaStream | null; muted: boolean; className: string; testId: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  });
  return <video ref={ref} className={className} autoPlay playsInline muted={muted} data-testid={testId} />;
}

/** The 视频协助 button of the chat header. */
export function CallButton({ call, state, conversationId, disabled }: { call: AgentCall | null; state: AgentCallState | null; conversationId: string; disabled: boolean }) {
  const { t } = useI18n();
  const busy = state !== null && state.phase !== 'idle' && state.phase !== 'ended';
  return (
    <Button icon={<VideoCameraOutlined />} disabled={disabled || !call || busy} onClick={() => void call?.start(conversationId)} data-testid="chat-video-call">
      {t('call.start')}
    </Button>
  );
}

/** The call panel: remote and local video, mute, camera off, 共享屏幕, hang up, duration, errors. */
export function CallPanel({ call, state }: { call: AgentCall | null; state: AgentCallState | null }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const connectedAt = state?.connectedAt ?? null;
  useEffect(() => {
    if (connectedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [connectedAt]);
  if (!call || !state || state.phase === 'idle') return null;
  const error = state.error ? t(`call.error.${state.error.key}`) + (state.error.detail ? `：${state.error.detail}` : '') : null;
  if (state.phase === 'ended') {
    const c = state.call;
    const outcome = c ? t(c.endReason === 'media_unavailable' ? 'call.outcome.mediaUnavailable' : `call.outcome.${c.state === 'ringing' || c.state === 'connected' ? 'ended' : c.state}`, { duration: c.durationSeconds !== null ? clock(c.durationSeconds) : '—' }) : null;
    return (
      <div className="call-panel call-panel--ended" data-testid="call-panel" data-phase="ended">
        {error ? <Alert type="error" showIcon title={error} /> : <Typography.Text type="secondary">{outcome}</Typography.Text>}
      </div>
    );
  }
  const duration = connectedAt !== null ? clock(Math.max(0, Math.floor((now - connectedAt) / 1000))) : null;
  return (
    <div className="call-panel" data-testid="call-panel" data-phase={state.phase}>
      <div className="call-panel__stage">
        <VideoOf stream={state.remoteStream} muted={false} className="call-panel__remote" testId="call-remote-video" />
        {state.mode === 'video' && <VideoOf stream={state.localStream} muted className="call-panel__local" testId="call-local-video" />}
      </div>
      <Space className="call-panel__bar" wrap>
        <Tag color={state.phase === 'reconnecting' ? 'orange' : state.phase === 'connected' ? 'green' : 'blue'} data-testid="call-phase">
          {t(PHASE_KEY[state.phase])}
          {duration ? ` ${duration}` : ''}
        </Tag>
        {state.remoteSharing && <Tag color="purple">{t('call.remoteSharing')}</Tag>}
        {!state.remoteMedia.video && <Tag>{t('call.remoteCameraOff')}</Tag>}
        {state.recording && <Tag color="red">{t('call.recording')}</Tag>}
        <Button icon={state.muted ? <AudioMutedOutlined /> : <AudioOutlined />} onClick={() => call.toggleMute()} disabled={state.mode === 'none'}>
          {state.muted ? t('call.unmute') : t('call.mute')}
        </Button>
        {state.mode === 'video' && <Button onClick={() => call.toggleCamera()}>{state.cameraOff ? t('call.cameraOn') : t('call.cameraOff')}</Button>}
        <Button icon={<DesktopOutlined />} onClick={() => void call.toggleShare()} disabled={state.phase !== 'connected' && state.phase !== 'reconnecting'} data-testid="call-share">
          {state.sharing ? t('call.stopShare') : t('call.share')}
        </Button>
        <Button danger type="primary" icon={<PhoneOutlined />} onClick={() => void call.hangUp()} data-testid="call-hangup">
          {t('call.hangUp')}
        </Button>
      </Space>
      {error && <Alert type={state.error?.key === 'media' ? 'warning' : 'error'} showIcon title={error} className="call-panel__error" />}
    </div>
  );
}
