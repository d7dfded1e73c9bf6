export type Theme = 'system' | 'light' | 'dark';
export const THEME_COOKIE = 'headlock-theme';

/** The theme a cookie or a select names; anything else is the system's. */
export const toTheme = (value: string | undefined): Theme => (value === 'light' || value === 'dark' ? value : 'system');
