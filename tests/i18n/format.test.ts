import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatSigned, resolveLocale } from '../../src/i18n/index.js';

describe('resolveLocale', () => {
  it('maps Slack locales to ours and falls back to the default', () => {
    expect(resolveLocale('ja-JP', 'en')).toBe('ja');
    expect(resolveLocale('en-GB', 'ja')).toBe('en');
    expect(resolveLocale('fr-FR', 'ja')).toBe('ja');
    expect(resolveLocale(undefined, 'en')).toBe('en');
    expect(resolveLocale('', 'ja')).toBe('ja');
  });
});

describe('number formatting', () => {
  it('groups thousands and shows percentages per locale', () => {
    expect(formatNumber('en', 12345.678, { maximumFractionDigits: 1 })).toBe('12,345.7');
    expect(formatNumber('ja', 12345)).toBe('12,345');
    expect(formatPercent('en', 0.4254)).toBe('42.5%');
    expect(formatPercent('ja', 0.05)).toBe('5%');
  });

  it('always shows the sign of a change, with a true minus', () => {
    expect(formatSigned('en', 3.24)).toBe('+3.2');
    expect(formatSigned('en', -4)).toBe('\u22124');
    expect(formatSigned('ja', -0.04)).toBe('0');
    expect(formatSigned('en', 0)).toBe('0');
    expect(formatSigned('en', 1234.5, 0)).toBe('+1,235');
  });
});

describe('date formatting', () => {
  // 2026-03-08 23:30 UTC is already March 9 in Tokyo.
  const d = new Date('2026-03-08T23:30:00Z');
  it('uses the viewer timezone and language', () => {
    expect(formatDate('en', d, 'UTC')).toBe('Mar 8, 2026');
    expect(formatDate('ja', d, 'Asia/Tokyo')).toBe('2026年3月9日');
    expect(formatDate('en', d, 'Asia/Tokyo')).toBe('Mar 9, 2026');
    expect(formatDateTime('ja', d, 'Asia/Tokyo')).toBe('2026年3月9日 8:30');
    expect(formatDateTime('en', d, 'America/New_York')).toBe('Mar 8, 2026, 7:30 PM');
  });
});
