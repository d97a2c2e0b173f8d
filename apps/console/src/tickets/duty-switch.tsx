import { App, Switch, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AgentGroup } from '../api/api-types.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { TicketAdminApi } from '../ticket-admin/ticket-admin-api.js';

/**
 * 在岗 / 离岗 for the signed-in agent across all their groups: only on-duty members are assigned new
 * tickets. Hidden for someone in no group. The state is read from the groups' member lists.
 */
export function DutySwitch({ groups }: { groups: AgentGroup[] }) {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const admin = useMemo(() => new TicketAdminApi(api), [api]);
  // null: not a member of any group (or not known yet).
  const [onDuty, setOnDuty] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    Promise.all(groups.map((group) => admin.listMembers(group.id).then((page) => page.items.filter((member) => member.userId === user.id)))).then(
      (memberships) => {
        const mine = memberships.flat();
        if (!cancelled) setOnDuty(mine.length === 0 ? null : mine.some((member) => member.onDuty));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [admin, groups, user.id]);

  if (onDuty === null) return null;

  const change = async (next: boolean) => {
    setSaving(true);
    try {
      const result = await admin.setMyDuty(next);
      setOnDuty(result.onDuty);
      toast.success(t(result.onDuty ? 'tickets.duty.onNow' : 'tickets.duty.offNow'));
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Tooltip title={t('tickets.duty.hint')}>
      <Switch checked={onDuty} loading={saving} onChange={(next) => void change(next)} checkedChildren={t('tickets.duty.on')} unCheckedChildren={t('tickets.duty.off')} data-testid="duty-switch" />
    </Tooltip>
  );
}
