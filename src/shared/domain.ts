/** Plain data shared by main and renderer. No node:, electron or DOM imports here. */
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

export type Role = 'agent' | 'supervisor';
