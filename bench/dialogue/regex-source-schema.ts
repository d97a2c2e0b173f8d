import { z } from 'zod';

/**
 * A regular expression written as a string in bench data, checked to compile with the `u` flag.
 * `{{placeholder}}`s are filled in before matching, so they are checked as a plain value.
 */
export const regexSourceSchema = z.string().refine((s) => {
  try {
    new RegExp(s.replace(/\{\{[A-Za-z0-9.]+\}\}/g, '0'), 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
