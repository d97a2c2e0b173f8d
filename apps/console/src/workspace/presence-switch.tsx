import { Badge, Select, Tooltip, Typography } from 'antd';
import { memo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { AgentPresence } from './workspace-api-types.js';
import type { Workspace } from './use-workspace.js';

const PRESENCES: readonly AgentPresence[] = ['online', 'away', 'offline'];
const BADGE: Record<AgentPresence, 'success' | 'warning' | 'default'> = { online: 'success', away: 'warning', offline: 'default' };

/** The header's 在线 / 忙碌 / 离线 switch with the agent's load (active / max chats). */
export const PresenceSwitch = memo(function PresenceSwitch({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  const { me } = workspace;
  if (!me) return null;
  return (
    <div className="presence-switch">
      <Select<AgentPresence>
        size="small"
        value={me.presence}
        loading={saving}
        disabled={saving}
        popupMatchSelectWidth={false}
        aria-label={t('presence.label')}
        data-testid="presence-switch"
        data-presence={me.presence}
        onChange={(presence) => {
          setSaving(true);
          void workspace.setPresence(presence).finally(() => setSaving(false));
        }}
        options={PRESENCES.map((presence) => ({
          value: presence,
          label: (
            <span data-testid={`presence-${presence}`}>
              <Badge status={BADGE[presence]} /> {t(`presence.${presence}`)}
            </span>
          ),
        }))}
      />
      <Tooltip title={t('presence.loadHint')}>
        <Typography.Text type="secondary" className="presence-switch__load" data-testid="presence-load">
          {t('presence.load', { active: me.activeChats, max: me.maxChats })}
        </Typography.Text>
      </Tooltip>
    </div>
  );
});
