import { afterEach, describe, expect, it } from 'vitest';
import { parseDate } from './dates.js';

describe('parseDate', () => {
  const valid: [string, string][] = [
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 +0530', '2003-06-09T22:30:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 PDT', '2003-06-10T11:00:00Z'],
    ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00Z'],
    ['Mon, 26 January 2004 16:31:00 ET', '2004-01-26T21:31:00Z'],
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004', '2004-01-01T00:00:00Z'],
    ['Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00Z'],
    ['Sun Jan 4 16:29:06 2004', '2004-01-04T16:29:06Z'],
    ['Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16Z'],
    ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53Z'],
    ['2003-12-31T10:14:55.1234Z', '2003-12-31T10:14:55.123Z'],
    ['2003-12-31T18:14:55+08:00', '2003-12-31T10:14:55Z'],
    ['2003-12', '2003-12-01T00:00:00Z'],
    ['2003', '2003-01-01T00:00:00Z'],
    ['03-12-31', '2003-12-31T00:00:00Z'],
    ['2003-335', '2003-12-01T00:00:00Z'],
    ['Κυρ, 11 Ιούλ 2004 12:00:00 EST', '2004-07-11T17:00:00Z'],
    ['2004-július-13T9:15-05:00', '2004-07-13T14:15:00Z'],
    ['2004년 05월 28일 01:31:15', '2004-05-27T16:31:15Z'],
    ['2004-05-25 오후 11:23:17', '2004-05-25T14:23:17Z'],
    ['Thu, 01 Jan 0100 00:00:01 +0100', '0099-12-31T23:00:01Z'],
  ];
  for (const [input, expected] of valid) {
    it(`reads ${JSON.stringify(input)}`, () => expect(parseDate(input)).toBe(expected));
  }

  const invalid = [
    'Sun, 16 Dec 2012 1:2:3:4 GMT',
    'Sun, 16 zzz 2012 11:47:32 GMT',
    'Sun, 99 Jun 2009 12:00:00 GMT',
    'Sun, 16 Dec 2012 11:47:32 XYZ',
    '2003-12-31T25:14:55Z',
    '2003-12-31T10:61:55Z',
    '2013-01-27-01',
    '2013-01-28T11:30:00-06:00Textra',
    '9999-12-31T23:59:59-99:99',
    '22013',
    'yesterday',
    '',
  ];
  for (const input of invalid) {
    it(`gives no date for ${JSON.stringify(input)}`, () => expect(parseDate(input)).toBeUndefined());
  }

  describe('zone-less dates', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });
    it('reads them as UTC whatever the process time zone', () => {
      for (const tz of ['UTC', 'Asia/Kolkata', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect(parseDate('2004-07-08 23:56:58')).toBe('2004-07-08T23:56:58Z');
        expect(parseDate('Thu, 01 Jan 2004 10:00:00')).toBe('2004-01-01T10:00:00Z');
      }
    });
  });
});
