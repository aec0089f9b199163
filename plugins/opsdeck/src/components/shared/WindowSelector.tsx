import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { useOpsDeckFormat } from './format';
import { WINDOW_DAYS, WindowDays } from './windows';

/** 30 / 90 / 180 days, as a group of toggle buttons (each reachable by keyboard). */
export function WindowSelector(props: {
  value: WindowDays;
  onChange: (days: WindowDays) => void;
}) {
  const { t } = useOpsDeckFormat();
  return (
    <ButtonGroup size="small" aria-label={t('windows.label')} color="primary">
      {WINDOW_DAYS.map(days => (
        <Button
          key={days}
          aria-pressed={props.value === days}
          variant={props.value === days ? 'contained' : 'outlined'}
          onClick={() => props.onChange(days)}
        >
          {t('windows.days', { count: days })}
        </Button>
      ))}
    </ButtonGroup>
  );
}
