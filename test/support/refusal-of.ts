import { GuichetError } from '../../src/shared/result';

/** The GuichetError a synchronous call throws; fails the test when it throws nothing or something else. */
export function refusalOf(run: () => unknown): GuichetError {
  try {
    run();
  } catch (error) {
    if (error instanceof GuichetError) return error;
    throw error;
  }
  throw new Error('no refusal');
}

/** The GuichetError an asynchronous call rejects with; fails the test when it resolves or rejects with something else. */
export async function refusalOfAsync(run: () => Promise<unknown>): Promise<GuichetError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GuichetError) return error;
    throw error;
  }
  throw new Error('no refusal');
}
