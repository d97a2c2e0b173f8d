import { Alert, Button, Space, Spin, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import type { CalendarYear } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { yearGrid, type DayCell, type DayTone } from './year-grid.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';

const TONES: readonly DayTone[] = ['open', 'rest', 'holiday', 'makeup', 'closure'];

/** Twelve month grids of one year as the SLA clocks see it: holidays, 调休 workdays and closures coloured. */
export function CalendarYearView({ version }: { version: number }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [data, setData] = useState<CalendarYear | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setData(null);
    admin.calendarYear(year).then(
      (loaded) => {
        if (cancelled) return;
        setData(loaded);
        setError(null);
      },
      (failure: unknown) => !cancelled && setError(describeError(failure, t)),
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [admin, year, version]);

  const months = useMemo(() => (data ? yearGrid(data.year, data.days) : []), [data]);
  const initials = t('calendar.weekdayInitials').split(',');

  const tip = (cell: DayCell) => {
    const parts = [cell.day, cell.info?.name, t(`calendar.legend.${cell.tone}`), cell.info?.windows.map(([from, to]) => `${from}–${to}`).join(' ')];
    return parts.filter(Boolean).join(' · ');
  };

  return (
    <div data-testid="calendar-year">
      <div className="page-header">
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear((value) => value - 1)} data-testid="calendar-year-prev" />
          <Typography.Title level={5} className="page-header__title" data-testid="calendar-year-title">
            {year}
          </Typography.Title>
          <Button icon={<RightOutlined />} onClick={() => setYear((value) => value + 1)} data-testid="calendar-year-next" />
        </Space>
        <div className="calendar-legend" data-testid="calendar-legend">
          {TONES.map((tone) => (
            <span key={tone}>
              <span className={`calendar-day calendar-day--${tone}`} />
              {t(`calendar.legend.${tone}`)}
            </span>
          ))}
        </div>
      </div>
      {error && <Alert type="error" showIcon title={t('calendar.yearLoadFailed')} description={error} />}
      {!data && !error && <Spin />}
      {/* A year is a name, not a quantity: as a number it would read "2,027". */}
      {data && !data.officialHolidays && <Alert type="warning" showIcon title={t('calendar.noOfficialHolidays', { year: String(data.year) })} data-testid="calendar-no-official" />}
      <div className="calendar-year">
        {months.map((month) => (
          <div key={month.month} className="calendar-month" data-testid="calendar-month">
            <Typography.Text strong>{t('calendar.month', { month: month.month })}</Typography.Text>
            <table>
              <thead>
                <tr>
                  {initials.map((initial, index) => (
                    <th key={index}>{initial}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {month.weeks.map((week, index) => (
                  <tr key={index}>
                    {week.map((cell, column) => (
                      <td key={column}>
                        {cell && (
                          <Tooltip title={tip(cell)}>
                            <span className={`calendar-day calendar-day--${cell.tone}`} data-day={cell.day} data-tone={cell.tone}>
                              {cell.date}
                            </span>
                          </Tooltip>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </div>
  );
}
