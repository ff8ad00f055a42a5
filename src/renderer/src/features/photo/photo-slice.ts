/**
 * The photo slice: the directory's photo of the open account, read only when the agent asks
 * and held only while that card is open. It is the person's data of the most personal kind:
 * gone when the agent hides it, opens another account, locks the screen or signs out.
 */
import type { DirectoryPhoto } from '../../../../shared/contract/directory';
import type { AppError } from '../../../../shared/result';
import { clearedWithAccount, type FeatureSlice } from '../../slice-kit/feature-slice';
import { accountCalls } from '../../slice-kit/open-account-call';

export interface PhotoSlice {
  /** The photo asked for, with the account it is of; null until the agent asks. */
  photo: { dn: string; photo: DirectoryPhoto } | null;
  photoBusy: boolean;
  photoError: AppError | null;
  showPhoto: () => Promise<void>;
  hidePhoto: () => void;
}

export const emptyPhoto = { photo: null, photoBusy: false, photoError: null } satisfies Partial<PhotoSlice>;

export const photoSlice: FeatureSlice<PhotoSlice, keyof typeof emptyPhoto> = {
  empty: emptyPhoto,
  kept: {},
  clear: clearedWithAccount(emptyPhoto),
  create:
    ({ api }) =>
    (set, get) => {
      const calls = accountCalls(get);
      return {
        ...emptyPhoto,
        async showPhoto() {
          const answer = await calls.forOpenAccount((dn) => api.accountPhoto({ dn }), {
            started: () => set({ photoBusy: true, photoError: null }),
            answered: () => set({ photoBusy: false }),
          });
          if (!answer) return;
          if (answer.result.ok) set({ photo: { dn: answer.dn, photo: answer.result.value } });
          else {
            set({ photoError: answer.result.error });
            get().noteDirectoryError(answer.result.error.code);
          }
        },
        hidePhoto() {
          set(emptyPhoto);
        },
      };
    },
};
