import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';

/** One store made of slices; each feature adds its slice here. */
export type StoreState = AppSlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createAppSlice(...a),
}));
