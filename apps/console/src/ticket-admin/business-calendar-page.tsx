import { Alert, App, Button, Card, Input, Skeleton, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import type { BusinessCalendar, CalendarClosure, WeeklyHours, WorkingWindows } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { closureValid } from './calendar-closures.js';
import { CalendarYearView } from './calendar-year-view.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';
import { checkWeeklyHours, checkWindows, sortWindows, WEEKDAY_KEYS } from './working-windows.js';

type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** 工作日历: the tenant's weekly windows (several a day), China's holidays, its own closures, and the year they make. */
export function BusinessCalendarPage({ editable }: { editable: boolean }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [calendar, setCalendar] = useState<BusinessCalendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Bumped after a save so the year view shows the new calendar.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    admin.getCalendar().then(
      (loaded) => !cancelled && setCalendar(loaded),
      (failure: unknown) => !cancelled && setError(describeError(failure, t)),
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [admin]);

  if (error) return <Alert type="error" showIcon title={t('ticketAdmin.loadFailed')} description={error} />;
  if (!calendar) return <Skeleton active />;

  const setDay = (key: WeekdayKey, windows: WorkingWindows) => setCalendar({ ...calendar, weeklyHours: { ...calendar.weeklyHours, [key]: windows } });
  const setClosures = (closures: CalendarClosure[]) => setCalendar({ ...calendar, closures });
  const weekProblems = checkWeeklyHours(calendar.weeklyHours);
  const closuresOk = calendar.closures.every(closureValid);

  const save = async () => {
    if (Object.keys(weekProblems).length > 0) {
      toast.error(t('calendar.invalid'));
      return;
    }
    if (!closuresOk) {
      toast.error(t('calendar.closure.invalid'));
      return;
    }
    const weeklyHours: WeeklyHours = {};
    for (const key of WEEKDAY_KEYS) weeklyHours[key] = sortWindows(calendar.weeklyHours[key] ?? []);
    setSaving(true);
    try {
      const saved = await admin.saveCalendar({
        ...(calendar.name.trim() ? { name: calendar.name.trim() } : {}),
        weeklyHours,
        followChinaHolidays: calendar.followChinaHolidays,
        closures: calendar.closures.map((closure) => ({ ...closure, name: closure.name.trim() })),
      });
      setCalendar(saved);
      setVersion((value) => value + 1);
      toast.success(t('ticketAdmin.saved'));
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="business-calendar">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('calendar.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="calendar-save">
            {t('ticketAdmin.save')}
          </Button>
        )}
      </div>
      <Card size="small" title={t('calendar.weekly')}>
        {WEEKDAY_KEYS.map((key) => (
          <WeekdayWindows key={key} dayKey={key} windows={calendar.weeklyHours[key] ?? []} editable={editable} onChange={(windows) => setDay(key, windows)} />
        ))}
        <div className="ticket-admin__add">
          <Switch checked={calendar.followChinaHolidays} disabled={!editable} onChange={(followChinaHolidays) => setCalendar({ ...calendar, followChinaHolidays })} data-testid="calendar-follow-holidays" />{' '}
          <Typography.Text>{t('calendar.followHolidays')}</Typography.Text>
          <Typography.Text type="secondary" className="ticket-admin__hint">
            {t('calendar.followHolidaysHint')}
          </Typography.Text>
        </div>
      </Card>
      <Card size="small" title={t('calendar.closures')} className="ticket-admin__add">
        {calendar.closures.map((closure, index) => (
          <div key={index} className="ticket-admin__row calendar-closure" data-testid="calendar-closure" data-valid={closureValid(closure)}>
            <Input type="date" aria-label={t('calendar.closure.from')} value={closure.from} disabled={!editable} status={closureValid(closure) ? undefined : 'error'} onChange={(event) => setClosures(calendar.closures.map((other, at) => (at === index ? { ...other, from: event.target.value } : other)))} className="calendar-closure__day" />
            <Input type="date" aria-label={t('calendar.closure.to')} value={closure.to} disabled={!editable} status={closureValid(closure) ? undefined : 'error'} onChange={(event) => setClosures(calendar.closures.map((other, at) => (at === index ? { ...other, to: event.target.value } : other)))} className="calendar-closure__day" />
            <Input placeholder={t('calendar.closure.name')} value={closure.name} maxLength={50} disabled={!editable} onChange={(event) => setClosures(calendar.closures.map((other, at) => (at === index ? { ...other, name: event.target.value } : other)))} className="calendar-closure__name" />
            {editable && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => setClosures(calendar.closures.filter((_, at) => at !== index))} />}
          </div>
        ))}
        {!closuresOk && <Typography.Text type="danger">{t('calendar.closure.invalid')}</Typography.Text>}
        {editable && (
          <Button type="dashed" block icon={<PlusOutlined />} className="ticket-admin__add" onClick={() => setClosures([...calendar.closures, { from: '', to: '', name: '' }])} data-testid="calendar-closure-add">
            {t('calendar.closure.add')}
          </Button>
        )}
      </Card>
      <Card size="small" title={t('calendar.yearView')} className="ticket-admin__add">
        <CalendarYearView version={version} />
      </Card>
    </div>
  );
}

interface WeekdayWindowsProps {
  dayKey: WeekdayKey;
  windows: WorkingWindows;
  editable: boolean;
  onChange: (windows: WorkingWindows) => void;
}

/** One weekday's windows, each `HH:MM`–`HH:MM`, problems shown on the window itself. */
function WeekdayWindows({ dayKey, windows, editable, onChange }: WeekdayWindowsProps) {
  const { t } = useI18n();
  const issues = checkWindows(windows);
  const set = (index: number, side: 0 | 1, value: string) =>
    onChange(windows.map((window, at) => (at === index ? ((side === 0 ? [value, window[1]] : [window[0], value]) as [string, string]) : window)));

  return (
    <div className="calendar-week__day" data-testid={`calendar-day-${dayKey}`}>
      <Typography.Text strong>{t(`calendar.weekday.${dayKey}`)}</Typography.Text>
      <div className="calendar-week__windows">
        {windows.length === 0 && <Typography.Text type="secondary">{t('calendar.closed')}</Typography.Text>}
        {windows.map(([from, to], index) => {
          const issue = issues.find((candidate) => candidate.index === index);
          return (
            <span key={index} className="calendar-window" data-testid="calendar-window" data-problem={issue?.problem ?? ''}>
              <Input size="small" value={from} placeholder="09:00" maxLength={5} disabled={!editable} status={issue ? 'error' : undefined} onChange={(event) => set(index, 0, event.target.value)} />
              –
              <Input size="small" value={to} placeholder="18:00" maxLength={5} disabled={!editable} status={issue ? 'error' : undefined} onChange={(event) => set(index, 1, event.target.value)} />
              {editable && <Button type="text" size="small" danger icon={<DeleteOutlined />} title={t('calendar.removeWindow')} onClick={() => onChange(windows.filter((_, at) => at !== index))} />}
              {issue && <Typography.Text type="danger">{t(`calendar.problem.${issue.problem}`)}</Typography.Text>}
            </span>
          );
        })}
        {editable && (
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              const last = windows.at(-1);
              onChange([...windows, last ? [last[1], last[1] < '18:00' ? '18:00' : '24:00'] : ['09:00', '18:00']]);
            }}
            data-testid={`calendar-add-window-${dayKey}`}
          >
            {t('calendar.addWindow')}
          </Button>
        )}
      </div>
    </div>
  );
}
