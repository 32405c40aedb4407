/** The HTTP configuration every handler module parses once at cold start. */
import { httpConfig } from '../config.ts';

export const config = httpConfig();
