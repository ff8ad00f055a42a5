/**
 * The dates of the generated people's lives, relative to a reference day: when each password
 * was last set, whose validity ends soon, who signed in lately (lastbind's authTimestamp),
 * and the named active student's directory photo. Worklists and their benchmark need shares
 * that stay true whatever day the tests run, so these dates follow `today` instead of the
 * fixed term of people-generator.ts.
 *
 * A PRNG of its own (`rnd`, seeded apart by the generator): the people themselves, drawn from
 * the generator's sequence, are the same with or without this pass.
 */
import type { FixturePerson } from './fixture-person';

const DAY_MS = 86_400_000;

/** A small JPEG (96 x 120, a grey silhouette): the named active student's photo in the directory. */
export const DEMO_PHOTO_JPEG = Buffer.from(
  [
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABh',
    'Y3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAAB',
    'UAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAA',
    'AAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9Y',
    'WVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAM',
    'ZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcg',
    'LikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09P',
    'T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAB4AGADASIAAhEBAxEB/8QAGgABAQEBAQEBAAAAAAAAAAAAAAUG',
    'BAMBAv/EACoQAAICAQIFAwQDAQAAAAAAAAABAgMEESEFBhIxcVFhwRORofAyQmJB/8QAFwEBAQEBAAAAAAAAAAAAAAAAAAIBA//E',
    'ABkRAQEBAQEBAAAAAAAAAAAAAAABEQIxIf/aAAwDAQACEQMRAD8A3wALSAAAAAAAAAAAAAAAAABtJat6JAAQs/jkup14emi2+o13',
    '8Ee3Iuuetts5+ZFTlOtqDFVZF1L1qtnDxIsYHHJdSrzNNHt9RfIvJq6AmmtU9UwSoAAAAACPzBluuqONB6Oxayft6Fgy3HJN8UsT',
    '/qopfY3n1lTwAdEAAA0PL+W7KpY03q61rF+3oWDLcCk1xStL+ykn9tTUnPr1cAAY0AAAznMNLhmRt02sj+V+o0ZzZ+JDNxnVLZ94',
    'y9GbLlZWPB6ZFFuNa67oOMl+TzOiAA9Mei3JtVdMXKT/AABS5epc8yVum1cfy/1mjOfAxIYWMqo7vvKXqzoOdu1cAAY0AAAAAeWR',
    'j05MOi+tTXv3RMt5fpk9arpw9mtSwDdsZiPVy/TF623Tn7JaFPHx6caHRRWoL27s9QNpgADGgAAAAAfi22umDnbNQiv+tnjnZtWF',
    'T12bt/xiu7ZlsvLuzLXO6XiK7I2TWW4sZPH4R1jjVOf+p7L7HDLjedLtOEfEV8k4F5E6ox43nR7zhLzFfB3Y3H4S0jk1OH+obr7E',
    'ADIa21Vtd1anVNTi+zTP2Y3Ey7sO1Tql5i+zNTg5tWbT117NbSi+6ZFmKl10gAxofJzjXCU5vSMVq37H0lcwZDqxI0xe9r38L9Qn',
    '1iJn5c8zJlbLaPaMfRHMAdUAAAAAAdOBlzw8lWx3j2lH1RzADcQnGyEZwesZLVP2PpK5fyHbiSpk9XU9vD/WVTlfiwzXMNnVnqGu',
    '0IJfIBXPpUsAFoAAAAAAAAVOXrOnPcNdpwa+TSgEderj/9k=',
  ].join(''),
  'base64',
);

/** Day `offset` days from `today`, as `YYYYMMDD`. */
function dayOf(today: number, offset: number): string {
  return new Date(today + offset * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** A GeneralizedTime on day `offset` from `today`, during opening hours. */
function stampOf(today: number, offset: number, rnd: () => number): string {
  // Never today: any time today may be later than the run (a run at 04:40 met a 06:40 stamp), and lastbind
  // keeps a stamp in the future, so a bind the test makes would not show.
  if (offset >= 0) throw new Error(`a past day is expected, got offset ${offset}`);
  const minutes = 7 * 60 + Math.floor(rnd() * 12 * 60);
  return `${dayOf(today, offset)}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}${String(Math.floor(rnd() * 60)).padStart(2, '0')}Z`;
}

/** Under a password lifetime, how many days before the reference day the named cases' passwords were set. */
const NAMED_PASSWORD_AGE_DAYS = 3;

/** Share of active accounts whose validity ends within the next 60 days (a guest's invitation, a short contract). */
const ENDING_SOON = 0.04;
/** Share of activated accounts with a successful bind in the last 90 days. */
const SIGNED_IN_LATELY = 0.7;

export interface LifecycleDates {
  /** Mutates and returns `person`: the dates of its life relative to the reference day. */
  (person: FixturePerson): FixturePerson;
}

/**
 * The pass applied to every person the generator yields (`today`: YYYY-MM-DD). Generated
 * people get a password age spread over the last 420 days (a temporary one over the last
 * 60), some an end of validity within 60 days and a recent sign-in; the named cases keep
 * their fixed dates, and the named active student gets a photo and a sign-in today. Under a
 * password lifetime (`passwordMaxAgeDays`), the named cases' passwords were set three days
 * before `today` (same time of day): fixed days would expire under the policy as the calendar
 * moves on (a 90-day policy ended 2026-09-03's on 2026-12-02), and the tests sign in as them.
 */
export function lifecycleDates(rnd: () => number, today: string, passwordMaxAgeDays: number | null = null): LifecycleDates {
  const day = Date.parse(`${today}T00:00:00.000Z`);
  if (Number.isNaN(day)) throw new Error(`lifecycle reference day: YYYY-MM-DD expected, got ${today}`);
  return (p) => {
    if (p.key === 'active') {
      p.jpegPhoto = DEMO_PHOTO_JPEG;
      p.authTimestamp = stampOf(day, -1, rnd);
    }
    if (p.key !== null) {
      if (passwordMaxAgeDays !== null && p.pwdChangedTime) p.pwdChangedTime = `${dayOf(day, -NAMED_PASSWORD_AGE_DAYS)}${p.pwdChangedTime.slice(8)}`;
      return p;
    }
    const activeState = p.resourceState === '{COMPTE}A:SupannActif';
    if (p.password !== null) {
      p.pwdChangedTime = stampOf(day, -(1 + Math.floor(rnd() * (p.pwdReset ? 60 : 420))), rnd);
      if (rnd() < SIGNED_IN_LATELY) p.authTimestamp = stampOf(day, -(1 + Math.floor(rnd() * 89)), rnd);
    }
    if (activeState && rnd() < ENDING_SOON) {
      const [, start = ''] = /^\{COMPTE\}A:SupannActif:(\d{8})?:/.exec(p.resourceStateDate) ?? [];
      p.resourceStateDate = `{COMPTE}A:SupannActif:${start}:${dayOf(day, Math.floor(rnd() * 61))}`;
    }
    return p;
  };
}

/** Today (UTC) as YYYY-MM-DD. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
