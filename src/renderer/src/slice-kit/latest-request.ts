/** The stale-answer guard: an answer is used only while no newer request, and no clear, has superseded the request it answers. */

/** True while the request it was handed for still stands. */
export type StillLatest = () => boolean;

export interface LatestRequest {
  /** Starts a request that supersedes every earlier one. */
  next: () => StillLatest;
  /** Joins the request in force without superseding it (a refresh, the next page). */
  current: () => StillLatest;
  /** Supersedes every pending request: their answers will be dropped. */
  invalidate: () => void;
}

export function latestRequest(): LatestRequest {
  let latest = 0;
  return {
    next() {
      const id = ++latest;
      return () => id === latest;
    },
    current() {
      const id = latest;
      return () => id === latest;
    },
    invalidate() {
      latest += 1;
    },
  };
}
