/** The one error type services throw; mapped to HTTP in one place (app.ts) and to exit codes in the CLI. */
export interface Issue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (issues: Issue[]): AppError =>
  new AppError(400, 'validation', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
export const unauthorized = (message = 'sign in or present a valid API token'): AppError =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'your role may not do this'): AppError => new AppError(403, 'forbidden', message);
/** Out-of-scope records are reported exactly like missing ones, so scoping never leaks existence. */
export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string): AppError => new AppError(409, 'conflict', message);
