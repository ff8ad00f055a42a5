/** Throw-away servers started by tests, the demo and benchmarks: killed, and their folders removed, when the process exits, whatever happened. */
import { rmSync } from 'node:fs';

export interface Throwaway {
  /** Kills the server now (SIGKILL): called at exit, when nothing can be awaited any more. */
  kill(): void;
  dir: string;
  keepDir?: boolean;
}

const tracked = new Set<Throwaway>();
let hooked = false;

/** Tracked until the returned function is called (the server was stopped and its folder removed). */
export function trackThrowaway(server: Throwaway): () => void {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const t of tracked) {
        try {
          t.kill();
        } catch {
          /* already gone */
        }
        if (!t.keepDir) {
          try {
            rmSync(t.dir, { recursive: true, force: true });
          } catch {
            /* best effort at exit */
          }
        }
      }
    });
  }
  tracked.add(server);
  return () => tracked.delete(server);
}
