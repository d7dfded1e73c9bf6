export type Theme = 'system' | 'light' | 'dark';
export const THEME_COOKIE = 'headlock-theme';
