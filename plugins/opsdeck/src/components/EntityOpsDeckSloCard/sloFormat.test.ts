import { DEFAULT_BURN_RULES } from '@opsdeck/backstage-plugin-common';
import { mockApis } from '@backstage/test-utils';
import { OpsDeckT, opsdeckTranslationRef } from '../../translation';
import {
  formatApproxDuration,
  formatBudgetShare,
  formatBurn,
  formatBurnRules,
  formatSli,
  formatTarget,
  formatWindow,
  percentDecimals,
} from './sloFormat';

const snapshot = mockApis.translation().getTranslation(opsdeckTranslationRef);
const t = (snapshot.ready ? snapshot.t : undefined) as OpsDeckT;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('SLO card formats', () => {
  it('writes targets as they are written', () => {
    expect(percentDecimals(0.999)).toBe(1);
    expect(percentDecimals(0.99)).toBe(0);
    expect(percentDecimals(0.9995)).toBe(2);
    expect(formatTarget(0.999, t)).toBe('99.9 %');
    expect(formatTarget(0.95, t)).toBe('95 %');
    expect(formatTarget(0.99995, t)).toBe('99.995 %');
  });

  it('gives an SLI one more decimal than its target, and more while rounding would mislead', () => {
    expect(formatSli(0.99953, 0.999, t)).toBe('99.95 %');
    expect(formatSli(0.9712, 0.95, t)).toBe('97.12 %');
    expect(formatSli(0.99991, 0.9999, t)).toBe('99.991 %');
    // below 100 % never shows as 100 %
    expect(formatSli(0.999996, 0.999, t)).toBe('99.9996 %');
    // below the target never shows as meeting it
    expect(formatSli(0.998996, 0.999, t)).toBe('99.8996 %');
    expect(formatSli(1, 0.999, t)).toBe('100.00 %');
  });

  it('writes budget shares, burn rates, windows and rough durations', () => {
    expect(formatBudgetShare(0.623, t)).toBe('62.3 %');
    expect(formatBudgetShare(2.3, t)).toBe('230 %');
    expect(formatBurn(0.4213, t)).toBe('0.42×');
    expect(formatBurn(14.4, t)).toBe('14.4×');
    expect(formatBurn(230.4, t)).toBe('230×');
    expect(formatWindow(28 * DAY, t)).toBe('over 28 days');
    expect(formatWindow(DAY, t)).toBe('over 1 day');
    expect(formatWindow(12 * HOUR, t)).toBe('over 12 hours');
    expect(formatApproxDuration(11.2 * DAY, t)).toBe('11 days');
    expect(formatApproxDuration(3 * HOUR + 60_000, t)).toBe('3 hours');
    expect(formatApproxDuration(36 * HOUR, t)).toBe('36 hours');
    expect(formatApproxDuration(60_000, t)).toBe('1 minute');
    expect(formatApproxDuration(10_000, t)).toBe('under a minute');
  });

  it("writes the SRE Workbook's rules", () => {
    expect(formatBurnRules(DEFAULT_BURN_RULES.page, t)).toBe(
      '14.4× over both 1 h and 5 min or 6× over both 6 h and 30 min',
    );
    expect(formatBurnRules(DEFAULT_BURN_RULES.ticket, t)).toBe(
      '1× over both 3 days and 6 h',
    );
  });
});
